package io.yima.drivers.transport;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial link via jSerialComm. Writes run on one thread per port (jSerialComm writes block), in order; the bytes
 * queued there count against water marks like Netty's. An unplugged device shows up as jSerialComm's
 * port-disconnected event, a failing write or read, or the device path vanishing; any of them ends the link once.
 */
final class SerialConnector implements Connector {
    private static final Logger LOG = LoggerFactory.getLogger(SerialConnector.class);
    static final long HIGH_WATER = 32 * 1024;
    static final long LOW_WATER = 8 * 1024;

    private final SerialSettings settings;
    private final ExecutorService io;
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean writable = true;
    private volatile SerialPort port;
    private volatile Events events;
    private volatile AtomicBoolean ended;

    SerialConnector(SerialSettings settings) {
        this.settings = settings;
        this.io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "serial " + settings.path());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public CompletableFuture<Void> connect(Events ev) {
        return CompletableFuture.runAsync(() -> {
            Path path = Path.of(settings.path());
            if (!Files.exists(path)) {
                throw new IllegalStateException(settings.path() + " does not exist (device unplugged?)");
            }
            SerialPort p = SerialPort.getCommPort(settings.path());
            p.setComPortParameters(settings.baud(), settings.dataBits(), settings.stopBits(), settings.parity());
            p.setFlowControl(settings.flowControl());
            p.setComPortTimeouts(SerialPort.TIMEOUT_WRITE_BLOCKING, 0, 5000);
            if (!p.openPort()) {
                throw new IllegalStateException("cannot open " + settings.path() + " (error " + p.getLastErrorCode() + ")");
            }
            AtomicBoolean end = new AtomicBoolean();
            ended = end;
            events = ev;
            pending.set(0);
            writable = true;
            p.addDataListener(new SerialPortDataListener() {
                @Override
                public int getListeningEvents() {
                    return SerialPort.LISTENING_EVENT_DATA_RECEIVED | SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
                }

                @Override
                public void serialEvent(SerialPortEvent e) {
                    if (e.getEventType() == SerialPort.LISTENING_EVENT_PORT_DISCONNECTED) {
                        end(end, ev, "serial port " + settings.path() + " disconnected");
                    } else if (e.getEventType() == SerialPort.LISTENING_EVENT_DATA_RECEIVED) {
                        byte[] data = e.getReceivedData();
                        if (data != null && data.length > 0) {
                            ev.onBytes(data, 0, data.length);
                        }
                    }
                }
            });
            port = p;
        }, io);
    }

    private void end(AtomicBoolean end, Events ev, String why) {
        if (end.compareAndSet(false, true)) {
            LOG.info("{}", why);
            SerialPort p = port;
            port = null;
            if (p != null) {
                // Closing from the listener thread would join itself; let the I/O thread do it.
                io.execute(() -> {
                    p.removeDataListener();
                    p.closePort();
                });
            }
            ev.onDisconnected(why);
        }
    }

    /** Polled by sessions: a pty or USB device that vanished without an event still ends the link. */
    void checkPresent() {
        SerialPort p = port;
        AtomicBoolean end = ended;
        if (p != null && end != null && !Files.exists(Path.of(settings.path()))) {
            end(end, events, settings.path() + " vanished");
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] bytes) {
        SerialPort p = port;
        if (p == null) {
            return CompletableFuture.failedFuture(new IOException("serial port " + settings.path() + " is not open"));
        }
        if (pending.addAndGet(bytes.length) > HIGH_WATER && writable) {
            writable = false;
            notifyWritability(false);
        }
        AtomicBoolean end = ended;
        Events ev = events;
        return CompletableFuture.runAsync(() -> {
            try {
                int off = 0;
                while (off < bytes.length) {
                    int n = p.writeBytes(bytes, bytes.length - off, off);
                    if (n <= 0) {
                        end(end, ev, "write to " + settings.path() + " failed (error " + p.getLastErrorCode() + ")");
                        throw new IllegalStateException("write to " + settings.path() + " failed");
                    }
                    off += n;
                }
            } finally {
                if (pending.addAndGet(-bytes.length) < LOW_WATER && !writable) {
                    writable = true;
                    notifyWritability(true);
                }
            }
        }, io);
    }

    private void notifyWritability(boolean w) {
        Events ev = events;
        if (ev != null) {
            ev.onWritabilityChanged(w);
        }
    }

    @Override
    public boolean isWritable() {
        return port != null && writable;
    }

    @Override
    public void disconnect() {
        SerialPort p = port;
        port = null;
        AtomicBoolean end = ended;
        if (end != null) {
            end.set(true);
        }
        if (p != null) {
            io.execute(() -> {
                p.removeDataListener();
                p.closePort();
            });
        }
    }

    @Override
    public void release() {
        io.shutdown();
    }

    @Override
    public String describe() {
        return "serial:" + settings.path();
    }
}
