/**
 * The Islands benches: JMH micro-benchmarks ({@code .jmh}), the scenario harness
 * ({@code ./islands bench}, {@code .harness}), the chaos harness ({@code .chaos}) and the plots
 * ({@code .plot}). Nothing depends on it: it exports nothing.
 *
 * <p>Opens: the command classes to picocli, the benchmark classes and JMH's generated ones to
 * JMH, the packages with records to Jackson. JMH, embedded PostgreSQL and the other jars without
 * a descriptor are automatic modules (JMH's and embedded PostgreSQL's names come from their jar
 * files: {@code jmh.core}, {@code embedded.postgres}).
 */
@SuppressWarnings("requires-automatic")
module io.islands.bench {
    requires io.islands.server;
    requires jmh.core;
    requires embedded.postgres;
    requires org.knowm.xchart;
    requires java.desktop;
    requires java.management;
    requires jdk.management;
    requires java.net.http;
    requires java.sql;

    opens io.islands.bench to info.picocli;
    opens io.islands.bench.chaos to info.picocli, com.fasterxml.jackson.databind;
    opens io.islands.bench.harness to info.picocli, com.fasterxml.jackson.databind;
    opens io.islands.bench.plot to com.fasterxml.jackson.databind;
    opens io.islands.bench.jmh to jmh.core;
    opens io.islands.bench.jmh.jmh_generated to jmh.core;
}
