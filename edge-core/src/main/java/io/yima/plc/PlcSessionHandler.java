package io.yima.plc;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PLC connection's conversation: HELLO gating, request → line call → ACK/NAK, event delivery and
 * heartbeats. Replies are written when the line's future completes, i.e. after the commit it confirms.
 */
public final class PlcSessionHandler extends SimpleChannelInboundHandler<PlcRequest> implements PlcLink {
    private static final Logger log = LoggerFactory.getLogger(PlcSessionHandler.class);
    public static final String VERSION = "1";

    private final PlcLine line;
    private ChannelHandlerContext ctx;
    private boolean greeted;

    public PlcSessionHandler(PlcLine line) {
        this.line = line;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void send(PlcMessage message) {
        ctx.writeAndFlush(message);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, PlcRequest req) {
        if (!req.isValid()) {
            log.warn("line {}: PLC frame refused: {}{}", line.lineId(), req.nakReason(),
                    req.nakDetail() == null ? "" : " (" + req.nakDetail() + ")");
            ctx.writeAndFlush(PlcMessage.nak(req.seq(), req.nakReason(), req.nakDetail()));
            return;
        }
        try {
            switch (req.command()) {
                case ACK -> { } // the PLC acknowledging an event: nothing to answer
                case PING -> ctx.writeAndFlush(PlcMessage.ack(req.seq()));
                case HELLO -> hello(ctx, req);
                default -> {
                    if (!greeted) {
                        throw new PlcNak("NO_HELLO");
                    }
                    reply(req.seq(), dispatch(req));
                }
            }
        } catch (PlcNak nak) {
            ctx.writeAndFlush(PlcMessage.nak(req.seq(), nak.reason(), nak.detail()));
        }
    }

    private CompletionStage<List<String>> dispatch(PlcRequest req) {
        return switch (req.command()) {
            case START -> line.start(JobRequest.parse(req.args()));
            case PRINT -> {
                String item = req.arg(0);
                if (item == null || !item.matches("[A-Za-z0-9._:#/-]{1,64}")) {
                    throw new PlcNak("BAD_FIELD", "item");
                }
                yield line.print(item);
            }
            case STOP -> line.stop();
            case CLOSE -> line.close();
            case STATUS -> line.status();
            default -> throw new PlcNak("UNKNOWN_COMMAND");
        };
    }

    private void hello(ChannelHandlerContext ctx, PlcRequest req) {
        if (!VERSION.equals(req.arg(0))) {
            throw new PlcNak("VERSION", "this edge speaks version " + VERSION);
        }
        long lastEvent = 0;
        if (req.arg(2) != null && !req.arg(2).isEmpty()) {
            try {
                lastEvent = Long.parseLong(req.arg(2));
            } catch (NumberFormatException e) {
                throw new PlcNak("BAD_FIELD", "last-event");
            }
        }
        String job = line.currentJobId();
        ctx.writeAndFlush(PlcMessage.ack(req.seq(), "YIMA", VERSION, line.lineId(), job == null ? "" : job));
        if (!greeted) {
            greeted = true;
            log.info("line {}: PLC {} connected from {}", line.lineId(), req.arg(1), ctx.channel().remoteAddress());
        }
        line.attach(this, lastEvent);
    }

    private void reply(long seq, CompletionStage<List<String>> result) {
        result.whenComplete((data, error) -> {
            if (error == null) {
                ctx.writeAndFlush(PlcMessage.ack(seq, data.toArray(String[]::new)));
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof PlcNak nak) {
                ctx.writeAndFlush(PlcMessage.nak(seq, nak.reason(), nak.detail()));
            } else {
                log.error("line {}: request {} failed", line.lineId(), seq, cause);
                ctx.writeAndFlush(PlcMessage.nak(seq, "INTERNAL", null));
            }
        });
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                line.heartbeat(this);
            } else if (idle.state() == IdleState.READER_IDLE) {
                log.warn("line {}: PLC silent for three heartbeats, closing the link (the job stays open)", line.lineId());
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        line.detach(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("line {}: PLC link error: {}", line.lineId(), cause.toString());
        ctx.close();
    }
}
