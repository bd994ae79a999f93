package io.yima.drivers.scanner;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frame → {@link ScanRead}. The configured no-read token and empty frames are no-reads. Replies to our own trigger
 * commands ({@code OK,LON}, {@code ER,LON,nn} from Keyence; {@code ||...} DMCC responses from Cognex) are not reads and
 * are dropped: codes and URLs never contain a comma or start with {@code ||}.
 */
public final class ScanReadDecoder extends MessageToMessageDecoder<String> {
    private static final Logger LOG = LoggerFactory.getLogger(ScanReadDecoder.class);

    private final String noReadToken;

    public ScanReadDecoder(String noReadToken) {
        super(String.class);
        this.noReadToken = noReadToken;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, String frame, List<Object> out) {
        ScanRead read = read(frame, noReadToken, System.nanoTime());
        if (read != null) {
            out.add(read);
        }
    }

    /** The read a frame stands for, or {@code null} for command replies. */
    static ScanRead read(String frame, String noReadToken, long now) {
        String text = frame.strip();
        if (text.startsWith("OK,") || text.startsWith("ER,") || text.startsWith("||")) {
            LOG.debug("scanner command reply '{}' ignored", text);
            return null;
        }
        boolean noRead = text.isEmpty() || (!noReadToken.isEmpty() && text.equals(noReadToken));
        return new ScanRead(text, noRead, now);
    }
}
