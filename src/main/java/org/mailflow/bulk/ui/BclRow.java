package org.mailflow.bulk.ui;

import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import org.mailflow.bulk.BclTable;

/** One BCL level of the BCL table; its counts change in place with every simulation. */
public final class BclRow {
    private final int bcl;
    private final ReadOnlyLongWrapper all = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper deliveredCurrent = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper identifiedCurrent = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper deliveredNew = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper identifiedNew = new ReadOnlyLongWrapper();

    BclRow(int bcl) {
        this.bcl = bcl;
    }

    void update(BclTable t) {
        all.set(t.all(bcl));
        deliveredCurrent.set(t.deliveredAtCurrent(bcl));
        identifiedCurrent.set(t.identifiedAtCurrent(bcl));
        deliveredNew.set(t.deliveredAtNew(bcl));
        identifiedNew.set(t.identifiedAtNew(bcl));
    }

    public int bcl() {
        return bcl;
    }

    public ReadOnlyLongProperty allProperty() {
        return all.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty deliveredCurrentProperty() {
        return deliveredCurrent.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty identifiedCurrentProperty() {
        return identifiedCurrent.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty deliveredNewProperty() {
        return deliveredNew.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty identifiedNewProperty() {
        return identifiedNew.getReadOnlyProperty();
    }
}
