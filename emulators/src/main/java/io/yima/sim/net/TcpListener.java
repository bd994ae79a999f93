package io.yima.sim.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP listener serving each connection on its own thread. Emulated devices are few and slow, so blocking
 * sockets keep their code as plain as the devices are; {@link #pause}/{@link #resume} emulate a device that is
 * switched off (connections refused) and back on the same port.
 */
public final class TcpListener implements Closeable {
    /** Serves one connection until it ends. */
    public interface Session {
        void serve(Socket socket) throws IOException;
    }

    /** Serves a byte stream pair (a socket's or a serial line's) until it ends. */
    public interface StreamSession {
        void serve(java.io.InputStream in, java.io.OutputStream out) throws IOException;
    }

    private final String name;
    private final InetAddress bind;
    private final Session session;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;
    private volatile int port;

    public TcpListener(String name, InetAddress bind, int port, Session session) {
        this.name = name;
        this.bind = bind;
        this.port = port;
        this.session = session;
    }

    public synchronized TcpListener start() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(bind, port), 50);
        port = s.getLocalPort();
        server = s;
        Thread t = new Thread(() -> accept(s), name + "-accept");
        t.setDaemon(true);
        t.start();
        return this;
    }

    public int port() {
        return port;
    }

    public String address() {
        return bind.getHostAddress() + ":" + port;
    }

    public int connections() {
        return open.size();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                c.setTcpNoDelay(true);
                open.add(c);
                Thread t = new Thread(() -> {
                    try {
                        session.serve(c);
                    } catch (IOException | RuntimeException e) {
                        // a connection dying is normal device life; the listener carries on
                    } finally {
                        open.remove(c);
                        closeQuietly(c);
                    }
                }, name + "-conn");
                t.setDaemon(true);
                t.start();
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                // accept failure on one connection: keep listening
            }
        }
    }

    /** Closes every open connection; the listener stays up. */
    public void dropConnections() {
        for (Socket c : open) {
            closeQuietly(c);
        }
    }

    /** Stops listening and drops connections (as a device switched off). */
    public synchronized void pause() {
        closeQuietly(server);
        dropConnections();
    }

    /** Listens again on the same port. */
    public synchronized void resume() throws IOException {
        if (server == null || server.isClosed()) {
            start();
        }
    }

    @Override
    public void close() {
        pause();
    }

    private static void closeQuietly(Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
