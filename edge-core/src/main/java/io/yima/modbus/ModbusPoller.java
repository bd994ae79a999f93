package io.yima.modbus;

import static io.yima.modbus.RegisterMap.*;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusExecutionException;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.ModbusTimeoutException;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.netty.channel.EventLoopGroup;
import io.yima.config.LineConfig;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client mode: the edge polls the line's register block in a PLC that is a Modbus TCP server. Each round reads
 * the PLC area (function 3) and then, when the edge area changed, writes it (function 16) — also between rounds, so an echo leaves as soon as the line answered. A failed connect or request drops the connection and
 * retries after a backoff (250 ms doubling to 5 s). Runs on its own thread; Modbus waits are bounded by the
 * request timeout.
 */
final class ModbusPoller implements ModbusLink {
    private static final Logger log = LoggerFactory.getLogger(ModbusPoller.class);
    private static final long MIN_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 5000;

    private final LineConfig.Modbus config;
    private final ModbusHandshake handshake;
    private final String lineId;
    private final ModbusTcpClient client;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private final String peer;
    private volatile String linkProblem = "connecting";
    private volatile boolean closed;

    private ModbusPoller(LineConfig.Modbus config, ModbusHandshake handshake, EventLoopGroup io, String lineId) {
        this.config = config;
        this.handshake = handshake;
        this.lineId = lineId;
        this.peer = config.host() + ":" + config.port();
        Duration requestTimeout = Duration.ofMillis(Math.max(1000, 5 * config.poll().toMillis()));
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(c -> {
            c.hostname = config.host();
            c.port = config.port();
            c.eventLoopGroup = io;
            c.connectTimeout = Duration.ofSeconds(2);
            c.connectPersistent = false;
        });
        this.client = ModbusTcpClient.create(transport, c -> c.requestTimeout = requestTimeout);
        this.thread = new Thread(this::loop, "modbus-poll-" + lineId);
        this.thread.setDaemon(true);
    }

    static ModbusPoller start(LineConfig.Modbus config, ModbusHandshake handshake, EventLoopGroup io,
                              String lineId) {
        ModbusPoller p = new ModbusPoller(config, handshake, io, lineId);
        handshake.onChange(p.wake::release);
        p.thread.start();
        log.info("line {}: Modbus client polling {} unit {} base {} every {} ms", lineId, p.peer,
                config.unitId(), config.base(), config.poll().toMillis());
        return p;
    }

    private void loop() {
        long backoff = MIN_BACKOFF_MS;
        long written = -1;
        long nextRead = 0;
        long poll = config.poll().toNanos();
        while (!closed) {
            try {
                if (!client.isConnected()) {
                    client.connect();
                    log.info("line {}: Modbus connected to PLC {}", lineId, peer);
                    written = -1;
                }
                if (System.nanoTime() - nextRead >= 0) {
                    byte[] r = client.readHoldingRegisters(config.unitId(), new ReadHoldingRegistersRequest(
                            config.base() + PLC_AREA, PLC_AREA_SIZE)).registers();
                    handshake.plcWrote(words(r), "modbus PLC " + peer + " unit " + config.unitId());
                    nextRead = System.nanoTime() + poll;
                }
                // written after the first read, so a PLC that sees MAP_VERSION knows its counters were read
                long revision = handshake.revision();
                if (revision != written) {
                    int[] area = handshake.edgeArea();
                    client.writeMultipleRegisters(config.unitId(), new WriteMultipleRegistersRequest(
                            config.base() + EDGE_AREA, EDGE_AREA_SIZE, bytes(area)));
                    written = revision;
                }
                linkProblem = null;
                backoff = MIN_BACKOFF_MS;
                wake.tryAcquire(Math.max(0, nextRead - System.nanoTime()), TimeUnit.NANOSECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                String why = reason(e);
                if (!why.equals(linkProblem)) {
                    log.warn("line {}: Modbus link to PLC {}: {}; retrying in {} ms", lineId, peer, why, backoff);
                }
                linkProblem = why;
                try {
                    client.disconnect();
                } catch (Exception ignored) {
                    // the link is being rebuilt anyway
                }
                try {
                    // a backoff, cut short only by close()
                    if (wake.tryAcquire(backoff, TimeUnit.MILLISECONDS) && closed) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private String reason(Exception e) {
        Throwable c = e;
        while (c.getCause() != null && c != c.getCause()) {
            if (c instanceof ModbusResponseException) {
                break;
            }
            c = c.getCause();
        }
        if (c instanceof ModbusResponseException r) {
            return "the PLC answered exception " + r.getExceptionCode() + " (check modbus.base " + config.base()
                    + " and unit_id " + config.unitId() + ": the block is " + SIZE + " holding registers)";
        }
        if (c instanceof ModbusTimeoutException || e instanceof ModbusTimeoutException) {
            return "no answer from the PLC within the request timeout";
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName().replaceAll("Exception$", "").toLowerCase() : m;
    }

    static byte[] bytes(int[] words) {
        byte[] b = new byte[2 * words.length];
        for (int i = 0; i < words.length; i++) {
            b[2 * i] = (byte) (words[i] >> 8);
            b[2 * i + 1] = (byte) words[i];
        }
        return b;
    }

    static int[] words(byte[] b) {
        int[] w = new int[b.length / 2];
        for (int i = 0; i < w.length; i++) {
            w[i] = (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF;
        }
        return w;
    }

    @Override
    public String problem() {
        String p = linkProblem;
        if (p != null) {
            return "PLC " + peer + ": " + p;
        }
        return handshake.plcSilence();
    }

    @Override
    public int port() {
        return -1;
    }

    @Override
    public void close() {
        closed = true;
        wake.release();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            client.disconnect();
        } catch (ModbusExecutionException e) {
            log.debug("line {}: Modbus disconnect: {}", lineId, e.toString());
        }
        handshake.close();
    }
}
