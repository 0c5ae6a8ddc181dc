package dev.acumat.analytics.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/** Errors Jetty answers itself (URI or headers too long, undecodable path) as the API's JSON. */
final class JsonJettyErrors extends ErrorHandler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String body = "{\"error\":\"" + message(status) + "\",\"status\":" + status + "}";
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private static String message(int status) {
        switch (status) {
            case 413:
                return "request too large";
            case 414:
                return "request line too long";
            case 431:
                return "request headers too large";
            default:
                return "malformed request";
        }
    }
}
