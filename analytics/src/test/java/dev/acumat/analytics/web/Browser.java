package dev.acumat.analytics.web;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A browser as a live view test sees it: what it was sent. */
final class Browser {
    final List<String> texts = new ArrayList<>();
    final List<byte[]> frames = new ArrayList<>();

    LiveClient client(String mat) {
        Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(),
                new Class<?>[] {Session.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isOpen" -> true;
                    case "sendText" -> {
                        texts.add((String) args[0]);
                        yield null;
                    }
                    case "sendBinary" -> {
                        ByteBuffer b = (ByteBuffer) args[0];
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        frames.add(bytes);
                        ((Callback) args[1]).succeed();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        return new LiveClient(session, mat);
    }
}
