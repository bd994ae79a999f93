package io.yima.sim.bench.scale;

import io.yima.sim.rig.Percentiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scrapes the edge's status port while a run goes on, as a dashboard and Prometheus would: each page in turn,
 * then a pause. Keeps every page's response times; a failed or non-200 scrape is counted, not timed.
 */
final class StatusScraper implements AutoCloseable {
    static final List<String> PAGES = List.of("/api/status", "/", "/metrics");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final long pauseMillis;
    private final Map<String, List<Long>> times = new LinkedHashMap<>();
    private final Map<String, Integer> failures = new LinkedHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StatusScraper(int port, long pauseMillis) {
        this.base = "http://127.0.0.1:" + port;
        this.pauseMillis = pauseMillis;
        PAGES.forEach(p -> {
            times.put(p, new ArrayList<>());
            failures.put(p, 0);
        });
        this.thread = new Thread(this::loop, "status-scraper");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            for (String page : PAGES) {
                scrape(page);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void scrape(String page) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + page)).timeout(Duration.ofSeconds(30)).build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - t0;
            synchronized (this) {
                if (r.statusCode() == 200) {
                    times.get(page).add(took);
                } else {
                    failures.merge(page, 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                failures.merge(page, 1, Integer::sum);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Per page: response-time percentiles (ms) and failed scrapes. */
    synchronized Map<String, PageTimes> results() {
        Map<String, PageTimes> out = new LinkedHashMap<>();
        times.forEach((page, t) -> out.put(page, new PageTimes(Percentiles.ofNanos(t), failures.get(page))));
        return out;
    }

    record PageTimes(Percentiles times, int failures) {
    }

    @Override
    public void close() throws InterruptedException {
        // Let a scrape in progress finish: the slowest scrape is the one that matters most.
        running = false;
        thread.join(35_000);
        thread.interrupt();
    }
}
