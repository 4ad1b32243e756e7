package org.mailflow.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mailflow.bulk.BulkDataset;
import org.mailflow.bulk.Policy;
import org.mailflow.cache.BulkStore;
import org.mailflow.cache.Cache;
import org.mailflow.cache.CacheException;
import org.mailflow.cache.PolicyStore;
import org.mailflow.cache.SmtpStore;
import org.mailflow.model.DayWindow;

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
    private final javafx.beans.property.ReadOnlyBooleanWrapper policiesRead = new javafx.beans.property.ReadOnlyBooleanWrapper(false);

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
        policiesRead.set(true);
    }

    /** False until the policies were first read from the cache: the list holds the built-ins only until then. */
    public javafx.beans.property.ReadOnlyBooleanProperty policiesReadProperty() {
        return policiesRead.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty dataVersionProperty() {
        return dataVersion.getReadOnlyProperty();
    }

    /** Tells every page that the cache's data changed (FX thread only). */
    public void dataChanged() {
        synchronized (this) {
            smtpVersion++;
            smtpData = null;
            bulkWindow = null;
            bulkData = null;
        }
        dataVersion.set(dataVersion.get() + 1);
    }

    private long smtpVersion;
    private org.mailflow.smtpauth.SmtpDataset smtpData;
    private org.mailflow.geo.GeoLookup smtpDataGeo;

    /**
     * The SMTP AUTH data of a window with its client IPs located in {@code geo} ({@link SmtpStore#load(DayWindow)}:
     * a year of a large site is too much to hold, issue 15): the last data loaded is kept per data
     * version and lookup, and given again for every window inside the one it was loaded for, so the
     * report and the Dashboard's unusual-activity count, which ask for the same seven days, read the
     * cache once, and a change of domain or a shorter range reads nothing. Call off the FX thread; a
     * caller that comes while another loads waits for its result.
     */
    public org.mailflow.smtpauth.SmtpDataset smtpData(org.mailflow.geo.GeoLookup geo, DayWindow window)
            throws org.mailflow.cache.CacheException {
        long version;
        synchronized (this) {
            if (smtpData != null && smtpDataGeo == geo && smtpData.covers(window)) {
                return smtpData;
            }
            version = smtpVersion;
        }
        synchronized (smtpLoading) {
            synchronized (this) {
                if (smtpData != null && smtpDataGeo == geo && smtpVersion == version && smtpData.covers(window)) {
                    return smtpData;
                }
            }
            org.mailflow.smtpauth.SmtpDataset loaded = smtp.load(window).locate(geo);
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
    private DayWindow bulkWindow;
    private CompletableFuture<BulkDataset> bulkData;

    /**
     * The Bulk sender insights data of {@code window}: the last window asked for is kept (per data
     * version), so the page gets the window that the Dashboard's card describes, loaded in the
     * background once the cards are shown ({@code DashboardViewModel}), without reading the cache
     * again; a caller that comes while that window loads waits for the same load. Another window is
     * loaded by its caller and then kept instead. Call off the FX thread.
     */
    public BulkDataset bulkData(DayWindow window) throws CacheException {
        CompletableFuture<BulkDataset> f;
        boolean load;
        synchronized (this) {
            load = bulkData == null || !window.equals(bulkWindow);
            if (load) {
                bulkWindow = window;
                bulkData = new CompletableFuture<>();
            }
            f = bulkData;
        }
        if (load) {
            try {
                f.complete(bulk.load(window));
            } catch (CacheException | RuntimeException e) {
                f.completeExceptionally(e);
                synchronized (this) {
                    if (bulkData == f) {
                        bulkData = null; // the next caller tries again
                    }
                }
                throw e;
            }
        }
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CacheException c) {
                throw c;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
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
