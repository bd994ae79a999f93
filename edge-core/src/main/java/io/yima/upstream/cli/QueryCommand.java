package io.yima.upstream.cli;

import io.yima.upstream.ApplicationStatus;
import io.yima.upstream.CodeRange;
import io.yima.upstream.MarketcodeClient;
import io.yima.upstream.UpstreamEvents;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Show an application's generation status and ranges (applycodequery).")
final class QueryCommand implements Callable<Integer> {
    static final class Which {
        @Option(names = "--application", paramLabel = "ID", description = "WeChat application_id.")
        Long applicationId;

        @Option(names = "--isv-id", paramLabel = "ID", description = "The ISV id given to apply.")
        String isvId;
    }

    @Mixin
    UpstreamOptions upstream;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Override
    public Integer call() {
        MarketcodeClient client = upstream.client(upstream.config(), UpstreamEvents.NONE);
        ApplicationStatus s = UpstreamOptions.call(() -> which.applicationId != null
                ? client.queryApplication(which.applicationId) : client.queryApplicationByIsvId(which.isvId));
        print(spec.commandLine().getOut(), s);
        return 0;
    }

    static void print(PrintWriter out, ApplicationStatus s) {
        out.println("application_id: " + s.applicationId());
        if (s.isvApplicationId() != null) {
            out.println("isv_application_id: " + s.isvApplicationId());
        }
        out.println("status: " + s.status() + (s.finished() ? "" : " (still generating)"));
        out.println("create_time: " + s.createTime());
        out.println("update_time: " + s.updateTime());
        out.println("ranges: " + s.codeGenerateList().size() + ", codes: " + s.codeCount());
        for (CodeRange r : s.codeGenerateList()) {
            out.println("  " + r.codeStart() + ".." + r.codeEnd());
        }
        out.flush();
    }
}
