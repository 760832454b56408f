package io.islands.server.logging;

/**
 * Routes {@link System.Logger} (what the runtime logs through) to SLF4J, found by the JDK as a
 * service (META-INF/services/java.lang.System$LoggerFinder). The server's own bridge rather
 * than slf4j-jdk-platform-logging: it turns the runtime's crash reports into events with
 * key-value fields (see {@link Slf4jSystemLogger}).
 */
public final class Slf4jLoggerFinder extends System.LoggerFinder {
    @Override
    public System.Logger getLogger(String name, Module module) {
        return new Slf4jSystemLogger(org.slf4j.LoggerFactory.getLogger(name));
    }
}
