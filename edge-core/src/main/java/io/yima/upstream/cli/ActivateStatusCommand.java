package io.yima.upstream.cli;

import io.yima.common.UserFacingException;
import io.yima.upstream.CodeInfo;
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

@Command(name = "activate-status", mixinStandardHelpOptions = true,
        description = "Ask WeChat whether a code is activated and with which fields (codeactivequery).")
final class ActivateStatusCommand implements Callable<Integer> {
    static final class Which {
        @Option(names = "--code", paramLabel = "C", description = "The raw code (up to 9 characters).")
        String code;

        @Option(names = "--url", paramLabel = "U", description = "The code URL (28 characters).")
        String url;

        @Option(names = "--application", paramLabel = "ID", description = "Application id, with --index.")
        Long applicationId;
    }

    @Mixin
    UpstreamOptions upstream;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Option(names = "--index", paramLabel = "N", description = "Code index inside --application.")
    Long index;

    @Override
    public Integer call() {
        if (which.applicationId != null && index == null) {
            throw new UserFacingException("--application needs --index");
        }
        if (which.applicationId == null && index != null) {
            throw new UserFacingException("--index needs --application");
        }
        MarketcodeClient client = upstream.client(upstream.config(), UpstreamEvents.NONE);
        CodeInfo info = UpstreamOptions.call(() -> which.code != null ? client.activationOfCode(which.code)
                : which.url != null ? client.activationOfUrl(which.url)
                : client.activationOfIndex(which.applicationId, index));
        print(spec.commandLine().getOut(), info);
        return 0;
    }

    static void print(PrintWriter out, CodeInfo i) {
        out.println("application_id: " + i.applicationId());
        out.println("code_index: " + i.codeIndex());
        if (i.code() != null) {
            out.println("code: " + i.code());
        }
        if (i.codeUrl() != null) {
            out.println("code_url: " + i.codeUrl());
        }
        if (!i.activated()) {
            out.println("activated: no");
        } else {
            out.println("activated: yes, range " + i.codeStart() + ".." + i.codeEnd());
            out.println("activity_name: " + i.activityName());
            out.println("product_brand: " + i.productBrand());
            out.println("product_title: " + i.productTitle());
            out.println("product_code: " + i.productCode());
            out.println("wxa_appid: " + i.wxaAppid());
            out.println("wxa_path: " + i.wxaPath());
            if (i.wxaType() != null) {
                out.println("wxa_type: " + i.wxaType());
            }
        }
        out.flush();
    }
}
