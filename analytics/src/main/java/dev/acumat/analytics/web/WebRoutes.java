package dev.acumat.analytics.web;

import io.javalin.config.RoutesConfig;

/** A group of HTTP routes the web server installs: the live stream, the history API, health. */
@FunctionalInterface
public interface WebRoutes {
    void register(RoutesConfig routes);
}
