package org.mailflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream ahead on a thread of its own, in large chunks, so that what that stream does (read
 * the file, decompress, hash) runs beside the consumer on a second core. The consumer sees the same
 * bytes in the same order, and the producer's failure as an {@link IOException} where it happened.
 * {@link #close()} stops the producer and waits for it; it does not close the wrapped stream, which
 * its owner closes.
 */
final class ReadAhead extends InputStream {
    private static final int CHUNK = 1 << 18;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(6);
    private final Thread producer;
    private volatile boolean stopped;
    private byte[] chunk;
    private int length;
    private int pos;
    private boolean ended;

    ReadAhead(InputStream in, String name) {
        producer = new Thread(() -> produce(in), "import-read-ahead " + name);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(InputStream in) {
        try {
            while (!stopped) {
                byte[] b = new byte[CHUNK];
                int n = in.readNBytes(b, 0, CHUNK);
                if (n > 0) {
                    put(n == CHUNK ? b : java.util.Arrays.copyOf(b, n));
                }
                if (n < CHUNK) {
                    break;
                }
            }
            put(END);
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException | Error e) {
            fail(new IOException("reading failed: " + e, e)); // never leave the consumer waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(IOException e) {
        try {
            put(e);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(Object item) throws InterruptedException {
        while (!stopped) {
            if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    private boolean more() throws IOException {
        if (ended) {
            return false;
        }
        while (chunk == null || pos == length) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading", e);
            }
            if (item instanceof IOException e) {
                ended = true;
                throw e;
            }
            byte[] b = (byte[]) item;
            if (b == END) {
                ended = true;
                return false;
            }
            chunk = b;
            length = b.length;
            pos = 0;
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return more() ? chunk[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!more()) {
            return -1;
        }
        int n = Math.min(len, length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            producer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
