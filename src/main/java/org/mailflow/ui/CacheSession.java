package org.mailflow.ui;

import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mailflow.bulk.Policy;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.PolicyStore;
import org.mailflow.cache.SmtpStore;

/**
 * The open cache and what every page shares about it: its stores, whether it holds demo data, the
 * list of policies, and a data version that rises after each import so that pages reload.
 */
public final class CacheSession implements AutoCloseable {
    private final Cache cache;
    private final boolean demo;
    private final BulkStore bulk;
    private final PolicyStore policies;
    private final SmtpStore smtp;
    private final ObservableList<Policy> policyList = FXCollections.observableArrayList(Policy.BUILT_IN);
    private final ReadOnlyIntegerWrapper dataVersion = new ReadOnlyIntegerWrapper();

    /** Opens the stores of an open cache; call off the FX thread ({@code demo} is read from the cache). */
    public CacheSession(Cache cache, boolean demo) {
        this.cache = cache;
        this.demo = demo;
        this.bulk = new BulkStore(cache);
        this.policies = new PolicyStore(cache);
        this.smtp = new SmtpStore(cache);
    }

    public Cache cache() {
        return cache;
    }

    public Path file() {
        return cache.file();
    }

    public boolean isDemo() {
        return demo;
    }

    public BulkStore bulk() {
        return bulk;
    }

    public SmtpStore smtp() {
        return smtp;
    }

    public PolicyStore policies() {
        return policies;
    }

    /** Built-ins first, then custom policies by name; replaced as a whole by {@link #setPolicies}. */
    public ObservableList<Policy> policyList() {
        return policyList;
    }

    /** FX thread only. Leaves the list alone when nothing changed, so selections in it survive. */
    public void setPolicies(List<Policy> all) {
        if (!policyList.equals(all)) {
            policyList.setAll(all);
        }
    }

    public ReadOnlyIntegerProperty dataVersionProperty() {
        return dataVersion.getReadOnlyProperty();
    }

    /** Tells every page that the cache's data changed (FX thread only). */
    public void dataChanged() {
        synchronized (this) {
            smtpVersion++;
            smtpData = null;
        }
        dataVersion.set(dataVersion.get() + 1);
    }

    private long smtpVersion;
    private org.mailflow.smtpauth.SmtpDataset smtpData;
    private org.mailflow.geo.GeoLookup smtpDataGeo;

    /**
     * Every SMTP AUTH submission of the cache with its client IPs located in {@code geo}: loaded once
     * per data version and lookup and shared by the pages that need it (the report and the
     * Dashboard's unusual-activity count), so that a large cache is read once, not once per page.
     * Call off the FX thread; a caller that comes while another loads waits for its result.
     */
    public org.mailflow.smtpauth.SmtpDataset smtpData(org.mailflow.geo.GeoLookup geo) throws org.mailflow.cache.CacheException {
        long version;
        synchronized (this) {
            if (smtpData != null && smtpDataGeo == geo) {
                return smtpData;
            }
            version = smtpVersion;
        }
        synchronized (smtpLoading) {
            synchronized (this) {
                if (smtpData != null && smtpDataGeo == geo && smtpVersion == version) {
                    return smtpData;
                }
            }
            org.mailflow.smtpauth.SmtpDataset loaded = smtp.load().locate(geo);
            synchronized (this) {
                if (smtpVersion == version) {
                    smtpData = loaded;
                    smtpDataGeo = geo;
                }
            }
            return loaded;
        }
    }

    private final Object smtpLoading = new Object();
    private AutoCloseable watch;

    /**
     * Calls {@code onImport} (on a background thread) whenever another program, such as a scheduled
     * {@code import}, commits to this cache ({@link Cache#watch}); this session's own writes do not
     * count. Call off the FX thread; a second call does nothing.
     */
    public synchronized void watchForeignImports(Runnable onImport) throws org.mailflow.cache.CacheException {
        if (watch == null) {
            watch = cache.watch(onImport);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (watch != null) {
                try {
                    watch.close();
                } catch (Exception ignored) {
                    // closing the cache stops the watch as well
                }
                watch = null;
            }
        }
        cache.close();
    }
}
