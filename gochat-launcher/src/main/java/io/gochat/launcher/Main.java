package io.gochat.launcher;

import io.gochat.core.config.ConfigException;
import io.gochat.core.config.ConfigKey;
import io.gochat.core.config.ConfigKeys;
import io.gochat.core.config.ConfigLoader;
import io.gochat.core.config.GochatConfig;
import io.gochat.core.lifecycle.ServerModule;
import io.gochat.core.lifecycle.StartupException;
import io.gochat.launcher.cli.CliOptions;
import io.gochat.launcher.cli.TerminalClient;
import io.gochat.launcher.logging.LogFormat;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code java -jar im.jar --module=NAME}: picks a module, builds its config, starts it and keeps the
 * process alive until SIGTERM/SIGINT, which closes it cleanly (etcd lease revoked, ports closed).
 * Exit status: 2 for a bad command line or config, 1 when the module cannot start.
 */
public final class Main {
    static final int EXIT_USAGE = 2;
    static final int EXIT_START_FAILED = 1;

    private Main() {
    }

    public static void main(String[] args) throws java.io.IOException {
        Prepared prepared = prepare(args, System.getenv(), System.out, System.err);
        if (prepared.exitCode >= 0) {
            System.exit(prepared.exitCode);
        }
        if (prepared.cli != null) {
            System.exit(runCli(prepared.cli));
        }
        LogFormat.apply(prepared.logFormat, prepared.serverId);
        System.setProperty("dubbo.application.logger", "slf4j");
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(run(prepared.name, prepared.module));
    }

    /**
     * A module ready to start, the terminal client's options, or the exit code when there is nothing to
     * start (help, bad input).
     */
    record Prepared(int exitCode, String name, ServerModule module, CliOptions cli, String logFormat, String serverId) {
        Prepared(int exitCode, String name, ServerModule module) {
            this(exitCode, name, module, null, LogFormat.TEXT, "");
        }
    }

    /** The terminal client: no cluster runtime, no ports; only the SDK talking to a running system. */
    private static int runCli(CliOptions options) throws java.io.IOException {
        LogFormat.quiet();
        java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        return new TerminalClient(options, in, System.out, System.console()).run();
    }

    static Prepared prepare(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            CommandLine line = CommandLine.parse(args);
            if (line.help()) {
                printHelp(out);
                return new Prepared(0, null, null);
            }
            if (line.module() == null) {
                err.println("gochat: no --module given; " + Modules.ALL + " or one or more of "
                        + String.join(", ", Modules.descriptions().keySet()) + " (--help for more)");
                return new Prepared(EXIT_USAGE, null, null);
            }
            if (Modules.CLI.equals(line.module().trim())) {
                if (line.configFile() != null) {
                    throw new ConfigException("the terminal client takes no --config; give --api and --ws");
                }
                return new Prepared(-1, Modules.CLI, null, CliOptions.parse(line.flags()), LogFormat.TEXT, "");
            }
            List<String> names = Modules.parse(line.module());
            GochatConfig config = ConfigLoader.load(line.configFile(), env, line.flags());
            String logFormat = LogFormat.check(config.string(LauncherConfigKeys.LOG_FORMAT));
            return new Prepared(-1, String.join(",", names), Modules.create(names, config), null, logFormat,
                    config.string(io.gochat.cluster.ClusterConfigKeys.SERVER_ID));
        } catch (ConfigException e) {
            err.println("gochat: " + e.getMessage());
            return new Prepared(EXIT_USAGE, null, null);
        }
    }

    private static int run(String name, ServerModule module) {
        Logger log = LoggerFactory.getLogger(Main.class);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            log.info("stopping {}", name);
            module.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            module.start();
            log.info("{} serving, {} ms after launch", name,
                    java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        } catch (StartupException | ConfigException e) {
            log.error("{} cannot start: {}", name, e.getMessage());
            return EXIT_START_FAILED;
        } catch (Exception e) {
            log.error("{} cannot start", name, e);
            return EXIT_START_FAILED;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static void printHelp(PrintStream out) {
        out.println("gochat-java: a distributed instant-messaging server (a Java rewrite of gochat)");
        out.println();
        out.println("usage: java -jar im.jar --module=NAME[,NAME...]|all [--config=FILE] [--key=value ...]");
        out.println();
        out.println("modules (several, or all, run in one process and call each other directly):");
        Modules.descriptions().forEach((n, d) -> out.printf("  %-12s %s%n", n, d));
        out.printf("  %-12s %s%n", Modules.ALL, "every module above in one process (the single-machine layout)");
        out.println();
        out.println("terminal client (not a server; runs alone):");
        out.println("  --module=cli [--api=" + CliOptions.DEFAULT_API + "] [--ws=" + CliOptions.DEFAULT_WS
                + " | --tcp=tcp://HOST:7001] [--user=NAME] [--room=N]");
        out.println();
        out.println("config keys (a file given by --config, YAML or .properties, then GOCHAT_* environment");
        out.println("variables, then --key=value flags; later wins):");
        for (ConfigKey key : ConfigKeys.ALL) {
            String def = key.defaultValue().isEmpty() ? "(empty)" : key.defaultValue();
            out.printf("  --%-22s %-26s %s%n", key.name(), def, key.description());
            out.printf("    %-22s   env %s%n", "", key.envName());
        }
    }
}
