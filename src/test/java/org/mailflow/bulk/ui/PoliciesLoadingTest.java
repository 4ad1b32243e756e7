package org.mailflow.bulk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailflow.ui.CacheSession;
import org.mailflow.ui.I18n;
import org.mailflow.ui.Navigator;
import org.mailflow.ui.Page;
import org.mailflow.ui.SyncTaskRunner;
import org.mailflow.cache.Cache;
import org.mailflow.cache.PolicyStore;
import org.mailflow.testing.Fixtures;

/** The Policies page loads until the cache's policies were read: the built-ins alone are not the whole list. */
class PoliciesLoadingTest {
    @TempDir
    Path dir;

    @Test
    void loadingLastsUntilThePoliciesAreRead() throws Exception {
        try (Cache cache = Fixtures.smallBulkCache(dir)) {
            CacheSession session = new CacheSession(cache, false);
            Navigator nowhere = new Navigator() {
                @Override
                public void show(Page page) {
                }

                @Override
                public void openImport(java.util.List<Path> files, String format) {
                }
            };
            PoliciesViewModel model = new PoliciesViewModel(session, new SyncTaskRunner(), new I18n(Locale.ENGLISH), nowhere, () -> null);
            assertThat(model.loadingProperty().get()).isTrue();
            session.setPolicies(new PolicyStore(cache).all());
            assertThat(model.loadingProperty().get()).isFalse();
            assertThat(model.policies()).extracting(p -> p.name()).contains("Marketing");
        }
    }
}
