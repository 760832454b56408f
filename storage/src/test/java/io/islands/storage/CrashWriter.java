package io.islands.storage;

import io.islands.runtime.checkpoint.Saved;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link CrashTest}: opens the store, then one virtual thread per key saves
 * revision after revision (from the newest stored + 1) and prints {@code ack KEY REVISION}
 * right after each save returns, until the parent kills it with SIGKILL.
 *
 * <p>Arguments: store URL, number of keys.
 */
public final class CrashWriter {
    private CrashWriter() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int keys = Integer.parseInt(args[1]);
        PrintStream acks = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        CloseableStateStore<TestState> store = StateStores.open(url, TestCodec.INSTANCE, 3);
        List<Thread> writers = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            String key = "key-" + k;
            writers.add(Thread.ofVirtual().start(() -> {
                long revision = store.newest(key).map(Saved::revision).orElse(0L);
                while (true) {
                    revision++;
                    store.save(key, new Saved<>(revision, TestState.sized(key, (int) revision, 300)));
                    synchronized (acks) {
                        acks.print("ack " + key + " " + revision + "\n");
                        acks.flush(); // one write(2): a kill cannot split it
                    }
                }
            }));
        }
        for (Thread t : writers) {
            t.join();
        }
    }
}
