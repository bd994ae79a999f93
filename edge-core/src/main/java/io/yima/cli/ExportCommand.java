package io.yima.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.yima.common.UserFacingException;
import io.yima.edge.ConfigLoader;
import io.yima.edge.EdgeConfig;
import io.yima.export.EpcisEvents;
import io.yima.export.ExportConfig;
import io.yima.vault.CodeVault;
import io.yima.vault.ExportOutbox;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code export --job ID --format epcis}: one job's events from the vault's export outbox as an EPCIS 2.0
 * document, each event exactly the payload (and event id) the MQTT export sends. The outbox records events whether
 * MQTT export is on or off and keeps them for the retention; a job past it, or recorded by an earlier release
 * while export was off, has nothing to export.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a job's exported events (EPCIS 2.0 JSON-LD document) to a file or stdout.")
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "The edge's config: vault, and export.mqtt's site, edge, time zone.")
    Path config;

    @Option(names = "--vault", description = "The vault file (without --config; then --site and --edge too).")
    Path vaultFile;

    @Option(names = "--site", description = "Site name (as export.mqtt.site).")
    String site;

    @Option(names = "--edge", description = "Edge name (as export.mqtt.edge).")
    String edge;

    @Option(names = "--time-zone", description = "Time zone of eventTime (default: the system's).")
    String timeZone;

    @Option(names = "--job", required = true, description = "The job id.")
    String job;

    @Option(names = "--format", defaultValue = "epcis", description = "epcis (the only format).")
    String format;

    @Option(names = "--out", description = "Write here instead of stdout.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!"epcis".equals(format)) {
            throw new UserFacingException("--format: '" + format + "' is not epcis");
        }
        Path vaultPath;
        EpcisEvents.Place place;
        if (config != null) {
            EdgeConfig c = ConfigLoader.load(config);
            if (c.export().mqtt() == null) {
                throw new UserFacingException(config + ": no export.mqtt section (site and edge name the events);"
                        + " give --site and --edge with --vault instead");
            }
            vaultPath = Path.of(c.vault().path());
            ExportConfig.Mqtt m = c.export().mqtt();
            place = new EpcisEvents.Place(m.site(), m.edge(), m.siteUriOrDefault(), ZoneId.of(m.timeZone()));
        } else {
            if (vaultFile == null || site == null || edge == null) {
                throw new UserFacingException("give --config FILE, or --vault FILE with --site and --edge");
            }
            vaultPath = vaultFile;
            place = new EpcisEvents.Place(site, edge, "urn:yima:site:" + site,
                    timeZone == null ? ZoneId.systemDefault() : zone(timeZone));
        }
        if (!Files.exists(vaultPath)) {
            throw new UserFacingException(vaultPath + ": no such vault");
        }
        try (CodeVault vault = CodeVault.open(vaultPath)) {
            if (vault.job(job).isEmpty()) {
                throw new UserFacingException("no job '" + job + "' in " + vaultPath);
            }
            ExportOutbox outbox = new ExportOutbox(vault);
            List<ExportOutbox.Record> records = outbox.ofJob(job);
            if (records.isEmpty()) {
                throw new UserFacingException("job '" + job + "' has no events in the export outbox: they are kept"
                        + " for the retention (export.mqtt.retention, default 168h), and a release before this one"
                        + " recorded none while MQTT export was off");
            }
            EpcisEvents epcis = new EpcisEvents(place.site(), place.edge(), place.siteUri(), place.zone(),
                    outbox.vaultId());
            byte[] doc = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(epcis.document(records, Instant.now()));
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                w.println(new String(doc, java.nio.charset.StandardCharsets.UTF_8));
                w.flush();
            } else {
                Files.write(out, doc);
                spec.commandLine().getOut().println(records.size() + " events of job " + job + " written to " + out);
            }
        }
        return 0;
    }

    private static ZoneId zone(String z) {
        try {
            return ZoneId.of(z);
        } catch (RuntimeException e) {
            throw new UserFacingException("--time-zone: unknown time zone '" + z + "'");
        }
    }
}
