package org.mailflow.smtpauth.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.cache.Cache;
import org.mailflow.smtpauth.SenderTotals;
import org.mailflow.testing.SmtpFixtures;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.SyncTaskRunner;

/** The sender panel's lines for mallory of {@link SmtpFixtures}, without a scene (the page test shows them). */
class SenderPanelFiguresTest {
    @TempDir
    Path dir;
    private Cache cache;
    private SmtpAuthViewModel model;

    @BeforeEach
    void open() throws Exception {
        cache = SmtpFixtures.smallSmtpCache(dir);
        model = new SmtpAuthViewModel(new CacheSession(cache, false), new SyncTaskRunner(), new I18n(Locale.ENGLISH));
        model.reload();
        SenderTotals mallory = model.sortedRows().stream().filter(r -> r.address().equals("mallory@contoso.example")).findFirst().orElseThrow();
        model.selectedProperty().set(mallory);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void fieldsProtocolsAndMethodsReadAsThePanelShowsThem() {
        SenderPanelFigures figures = new SenderPanelFigures(new I18n(Locale.ENGLISH));
        SmtpAuthViewModel.PanelData p = model.panelProperty().get();
        assertThat(figures.fields(p)).containsExactly(
                new SenderPanelFigures.Figure("Domain", "contoso.example", "panel-domain"),
                new SenderPanelFigures.Figure("Messages in the window", "310", "panel-messages"),
                new SenderPanelFigures.Figure("First seen", "23 Oct 2026", "panel-first-seen"),
                new SenderPanelFigures.Figure("Last seen", "12 Nov 2026", "panel-last-seen"));
        // every message with a password: Basic only, marked; no OAuth line
        assertThat(figures.protocols(p.history())).extracting(SenderPanelFigures.Figure::id, SenderPanelFigures.Figure::value,
                SenderPanelFigures.Figure::alert).containsExactly(org.assertj.core.groups.Tuple.tuple("panel-protocol-BASIC", "100.0 % (310)", true));
        assertThat(figures.methods(p.history())).containsExactly(new SenderPanelFigures.Figure("LOGIN (Basic)", "310", "panel-method-0"));
        assertThat(figures.tls(p.history())).isNotEmpty().allSatisfy(f -> assertThat(f.value()).endsWith(")"));
        assertThat(figures.tls(p.history()).stream().mapToLong(f -> Long.parseLong(f.value().replaceAll(".*\\((\\d+)\\)", "$1"))).sum())
                .isEqualTo(310);
    }
}
