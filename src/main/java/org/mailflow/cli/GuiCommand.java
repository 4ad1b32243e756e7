package org.mailflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailflow.app.MailflowApp;
import org.mailflow.ui.Page;
import org.mailflow.model.UserText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gui [--page dashboard|smtp-auth|bulk|policies] [--import FILE…]}: opens the desktop app; with
 * {@code --import}, the import dialog holding those files (what the desktop's "Open with" runs, see
 * {@link org.mailflow.Launcher}).
 */
@Command(name = "gui", description = "Open the desktop app (the default when no command is given).")
final class GuiCommand implements Callable<Integer> {
    @ParentCommand
    MailflowCommand root;

    @Option(names = "--page", paramLabel = "PAGE", description = "The page to open: dashboard, smtp-auth, bulk or policies.",
            converter = PageConverter.class, defaultValue = "dashboard")
    Page page;

    @Option(names = "--import", paramLabel = "FILE", arity = "1..*",
            description = "Files or folders to import: the app opens its import dialog holding them.")
    List<Path> importFiles = new ArrayList<>();

    @Override
    public Integer call() {
        MailflowApp.launchWith(root.cache, page, importFiles.stream().map(Path::toAbsolutePath).toList());
        return ExitCodes.OK;
    }

    static final class PageConverter implements picocli.CommandLine.ITypeConverter<Page> {
        @Override
        public Page convert(String value) {
            return Page.ofToken(value).orElseThrow(() -> new picocli.CommandLine.TypeConversionException(
                    UserText.of("cli.gui.page", UserText.of("input.list.or", "dashboard, smtp-auth, bulk", "policies")).toString()));
        }
    }
}
