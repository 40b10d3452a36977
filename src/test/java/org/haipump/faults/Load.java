package org.haipump.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Client threads that send requests to a service without pause until closed, and remember every
 * outcome with its start and end ({@link System#nanoTime()}), so that a test can judge the answers
 * given in each phase of a fault.
 */
public final class Load implements AutoCloseable {

    /** One client's requests: the n-th call sends the n-th request. */
    @FunctionalInterface
    public interface Client {
        Http.Reply send(int iteration) throws IOException;
    }

    /** One request: the reply, or the failure of a request that got none (a timeout, a refused connection). */
    public record Sample(String client, long startedNanos, long endedNanos, Http.Reply reply, IOException failure) {

        public boolean answered() {
            return reply != null;
        }

        public boolean successful() {
            return reply != null && reply.successful();
        }

        public double millis() {
            return (endedNanos - startedNanos) / 1e6;
        }

        @Override
        public String toString() {
            return client + " after " + Math.round(millis()) + " ms: " + (reply != null ? reply : failure);
        }
    }

    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /** Starts one thread per named client. */
    public static Load start(Map<String, Client> clients) {
        Load load = new Load();
        clients.forEach((name, client) -> {
            Thread thread = new Thread(() -> load.run(name, client), "load-" + name);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        });
        return load;
    }

    private void run(String name, Client client) {
        for (int iteration = 0; !stopped; iteration++) {
            long started = System.nanoTime();
            try {
                Http.Reply reply = client.send(iteration);
                samples.add(new Sample(name, started, System.nanoTime(), reply, null));
            } catch (IOException e) {
                samples.add(new Sample(name, started, System.nanoTime(), null, e));
            }
        }
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The samples of requests sent and answered within {@code [fromNanos, toNanos]}. */
    public List<Sample> within(long fromNanos, long toNanos) {
        return matching(s -> s.startedNanos() >= fromNanos && s.endedNanos() <= toNanos);
    }

    public List<Sample> matching(Predicate<Sample> filter) {
        return samples.stream().filter(filter).toList();
    }

    @Override
    public void close() {
        stopped = true;
        for (Thread thread : threads) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
