package org.mailflow.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.mailflow.Launcher;

/**
 * The product's entry point ({@link Launcher#main}, exactly as {@code java -jar} runs it) followed by
 * two lines on standard error, {@code peak heap: N MB} and {@code cpu: N ms} (the process's CPU time, all
 * threads, the JIT compilers' and the garbage collector's included), when the JVM exits: what
 * {@code bench import} starts in each child JVM to time an import and read its peak heap and CPU time. The hook lives here, in the
 * bench, so the product's launcher knows nothing about benchmarks.
 */
public final class MeasuredLauncher {
    private MeasuredLauncher() {
    }

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("peak heap: " + (peakHeap() >> 20) + " MB");
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    && os.getProcessCpuTime() >= 0) {
                System.err.println("cpu: " + os.getProcessCpuTime() / 1_000_000 + " ms");
            }
            System.err.flush();
        }, "peak-heap"));
        Launcher.main(args);
    }

    /** The sum of the peak usage of the heap memory pools since the JVM started. */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
