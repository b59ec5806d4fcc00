package org.dipwatch.daemon;

import java.io.File;
import java.util.function.BooleanSupplier;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * The inbox route's file filter ({@code filter: "#inboxShare"}): lists a file only while this node
 * takes more inbox files ({@link org.dipwatch.pipeline.Pipeline#takesMoreInboxFiles()}), so that in a
 * cluster a node holding its share passes the rest of a burst by without an exchange, and the other
 * nodes' scans find them. Folders are always listed (the route is recursive).
 */
public final class InboxShare implements GenericFileFilter<File> {

    private final BooleanSupplier takesMore;

    /** A filter that asks {@code takesMore} for each file. */
    public InboxShare(BooleanSupplier takesMore) {
        this.takesMore = takesMore;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        return file.isDirectory() || takesMore.getAsBoolean();
    }
}
