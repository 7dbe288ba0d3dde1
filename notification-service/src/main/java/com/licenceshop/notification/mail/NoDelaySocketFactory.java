package com.licenceshop.notification.mail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with TCP_NODELAY. Without it the client's last small write of a command or of the mail data
 * waits for the server's delayed ACK (tens of milliseconds per mail on Linux), which, measured, was most of
 * the time a mail took over an open connection.
 */
final class NoDelaySocketFactory extends SocketFactory {

    /** The socket this thread created last: Jakarta Mail does not hand out the socket of a transport it connected. */
    private static final ThreadLocal<Socket> CREATED = new ThreadLocal<>();

    /** The socket created on this thread since the last call (null if none), and forgets it. */
    static Socket takeCreated() {
        Socket socket = CREATED.get();
        CREATED.remove();
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        CREATED.set(socket);
        return socket;
    }
}
