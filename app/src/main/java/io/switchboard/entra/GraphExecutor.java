package io.switchboard.entra;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one pool Graph {@code $batch} requests run on, owned by Spring and shut down with it. Not an
 * {@code Executor} bean itself, so Spring Boot's own task executor and scheduler stay as they are.
 */
@Component
class GraphExecutor implements DisposableBean {

    private final ExecutorService pool = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "graph-batch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    ExecutorService pool() {
        return pool;
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
