package io.yima.drivers.scanner;

import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/** The scanner's three handlers in order: frame decoder, protocol decoder, hand-off to the line. */
final class ScannerPipeline {
    private ScannerPipeline() {
    }

    static void install(ChannelPipeline p, ScannerOptions o, Consumer<ScanRead> reads) {
        p.addLast("frames", new ScannerFrameDecoder(o.maxFrame()));
        p.addLast("reads", new ScanReadDecoder(o.noReadToken()));
        p.addLast("line", new ScanReadHandler(reads));
    }
}
