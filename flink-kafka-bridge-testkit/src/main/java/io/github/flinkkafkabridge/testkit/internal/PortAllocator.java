package io.github.flinkkafkabridge.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Hands out TCP ports on 127.0.0.1 for the embedded broker's listeners. A port is free when handed
 * out but may be taken by someone else before Kafka binds it, so callers retry on a bind failure.
 */
@FunctionalInterface
public interface PortAllocator {

    /** The only address the embedded broker listens on. */
    String HOST = "127.0.0.1";

    /** A port on 127.0.0.1 that was free a moment ago. */
    int nextPort();

    /** Asks the operating system for a free ephemeral port each time. */
    static PortAllocator ephemeral() {
        return () -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(HOST, 0));
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not find a free port on 127.0.0.1", e);
            }
        };
    }

    /** Whether a server socket could bind {@code port} on 127.0.0.1 right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
