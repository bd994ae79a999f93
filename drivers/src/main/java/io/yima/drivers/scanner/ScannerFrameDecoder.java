package io.yima.drivers.scanner;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts reader output into frames (Strings): lines ended by CR, LF or CR LF (Keyence default CR, Cognex CR LF), or
 * blocks wrapped in STX..ETX (Keyence's other framing). A line break right after ETX, or LF right after CR, ends
 * nothing; any other empty line is an empty frame (a no-read for readers configured to send nothing).
 * Frames longer than {@code maxFrame} are dropped up to their end, logged at most once per 10 s with a count.
 * Never throws.
 */
public final class ScannerFrameDecoder extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(ScannerFrameDecoder.class);
    static final byte STX = 0x02;
    static final byte ETX = 0x03;
    static final byte CR = '\r';
    static final byte LF = '\n';

    private final int maxFrame;
    private byte[] frame = new byte[64];
    private int length;
    private boolean inStx;
    private boolean discarding;
    private byte previous = ETX;
    static final long WARN_EVERY_NANOS = 10_000_000_000L;
    private long lastWarn = System.nanoTime() - WARN_EVERY_NANOS;
    private long discarded; // a line break first thing on a new link ends nothing, as after a frame

    public ScannerFrameDecoder(int maxFrame) {
        this.maxFrame = maxFrame;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte b = in.readByte();
            byte before = previous;
            previous = b;
            if (b == STX) {
                if (length > 0 || discarding) {
                    LOG.debug("scanner: {} unterminated bytes dropped at STX", length);
                }
                reset();
                inStx = true;
            } else if (b == ETX && inStx) {
                emit(out);
                inStx = false;
            } else if (b == ETX) {
                // an ETX with no STX before it is line noise, not part of a code: dropped as if never sent
                previous = before;
            } else if (b == CR || b == LF) {
                if (inStx) {
                    continue; // line breaks inside STX..ETX are not part of a code
                }
                if ((b == LF && before == CR) || before == ETX) {
                    continue;
                }
                emit(out);
            } else {
                if (discarding) {
                    continue;
                }
                if (length == maxFrame) {
                    warnDiscarded();
                    discarding = true;
                    length = 0;
                    continue;
                }
                if (length == frame.length) {
                    frame = Arrays.copyOf(frame, Math.min(maxFrame, frame.length * 2));
                }
                frame[length++] = b;
            }
        }
    }

    /** At most one line per {@link #WARN_EVERY_NANOS}: a reader spewing garbage must not flood the log. */
    private void warnDiscarded() {
        discarded++;
        long now = System.nanoTime();
        if (now - lastWarn >= WARN_EVERY_NANOS) {
            LOG.warn("scanner frame longer than {} bytes discarded ({} such frames since the last line like this)",
                    maxFrame, discarded);
            discarded = 0;
            lastWarn = now;
        }
    }

    private void emit(List<Object> out) {
        if (!discarding) {
            out.add(new String(frame, 0, length, StandardCharsets.UTF_8));
        }
        reset();
    }

    private void reset() {
        length = 0;
        discarding = false;
    }
}
