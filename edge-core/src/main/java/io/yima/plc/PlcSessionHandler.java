package io.yima.plc;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.yima.line.ItemIssued;
import io.yima.line.LineAnswer;
import io.yima.line.LineCalls;
import io.yima.line.LineCommands;
import io.yima.line.LineRefusal;
import io.yima.line.LineRework;
import io.yima.line.ReworkRefused;
import io.yima.line.LineStatus;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.yima.config.DurationText;
import io.yima.config.LineConfig;
import io.yima.guard.AddressAllowList;
import io.yima.guard.PortGuard;
import io.yima.guard.RefusalCounters;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PLC connection's conversation: HELLO gating, request → typed line command → ACK/NAK, event delivery and
 * heartbeats. Replies are written when the line's stage completes, i.e. after the commit it confirms. The line's
 * typed answers and {@link LineRefusal}s become the protocol's fields and NAK words here and nowhere else.
 */
public final class PlcSessionHandler extends SimpleChannelInboundHandler<PlcRequest> implements PlcLink {
    private static final Logger log = LoggerFactory.getLogger(PlcSessionHandler.class);
    /**
     * The newest protocol version. A PLC says in HELLO which version it speaks and the edge answers in that
     * version: 1 (the original) or 2 (START's {@code date=} field, and aggregation: CLOSE_CASE, CASE_PACKED,
     * CASE_REJECTED, the pallets, and the rework commands UNPACK, REPLACE, VOID_CASE, REPALLET); a version-1 session
     * is refused version-2 fields and commands and sent no case events.
     */
    public static final String VERSION = "2";
    /** The version that brought aggregation (the same as {@link #VERSION} today). */
    public static final String PACKING_VERSION = "2";
    private static final List<String> VERSIONS = List.of("1", "2");
    /**
     * How much longer than {@code plc.trigger_deadline} a reply may take before the PLC is answered
     * {@code NAK NO_ANSWER}: a PRINT is answered (issued, or refused STALE) within the trigger deadline on a line that
     * works; a START, STOP or CLOSE within the vault's commit. The margin covers a slow disk, not a stuck line.
     */
    static final Duration REPLY_MARGIN = Duration.ofSeconds(10);
    /** The largest {@code last-event} accepted: 12 digits, far beyond any line's lifetime of events. */
    static final long MAX_LAST_EVENT = 999_999_999_999L;
    /** What PRINT accepts as an item id; compiled once, not on every trigger. */
    private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9._:#/-]{1,64}");

    private final LineCommands line;
    private final PlcEventFeed feed;
    private final Duration helloTimeout;
    private final boolean takeover;
    private final PortGuard guard;
    /** How long a reply waits for the line before it is {@code NAK NO_ANSWER}. */
    private final Duration replyDeadline;
    private ChannelHandlerContext ctx;
    private boolean greeted;
    private String plcId = "";
    /** The version this session speaks, as its HELLO asked. */
    private volatile String version = VERSION;
    private ScheduledFuture<?> helloDeadline;
    /** Why this session is ending when the edge ends it (silence), for the one "PLC lost" line; null: the peer closed. */
    private String lossCause;

    /** A session without a HELLO deadline, refusing a second PLC, counting refusals nowhere (tests). */
    public PlcSessionHandler(LineCommands line, PlcEventFeed feed) {
        this(line, feed, null, false, new PortGuard("plc:" + line.lineId(), "line " + line.lineId() + " PLC port",
                Integer.MAX_VALUE, AddressAllowList.everyone(), RefusalCounters.NONE, GlobalEventExecutor.INSTANCE));
    }

    /**
     * @param helloTimeout how long the connection may stay without a successful HELLO (null: no limit)
     * @param takeover     a HELLO from another PLC replaces the session holding the line instead of being refused
     */
    public PlcSessionHandler(LineCommands line, PlcEventFeed feed, Duration helloTimeout, boolean takeover,
                             PortGuard guard) {
        this(line, feed, helloTimeout, takeover, guard,
                replyDeadline(new LineConfig.Plc(null, null, null).triggerDeadline()));
    }

    /** As above; {@code replyDeadline}: how long a reply waits for the line before it is {@code NAK NO_ANSWER}. */
    public PlcSessionHandler(LineCommands line, PlcEventFeed feed, Duration helloTimeout, boolean takeover,
                             PortGuard guard, Duration replyDeadline) {
        this.replyDeadline = replyDeadline;
        this.line = line;
        this.feed = feed;
        this.helloTimeout = helloTimeout;
        this.takeover = takeover;
        this.guard = guard;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (helloTimeout != null) {
            helloDeadline = ctx.executor().schedule(() -> {
                if (!greeted) {
                    guard.refuse(ctx.channel(), "no_hello", "no HELLO within " + DurationText.format(helloTimeout));
                }
            }, helloTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public boolean packing() {
        return PACKING_VERSION.equals(version);
    }

    @Override
    public String plcId() {
        return plcId;
    }

    @Override
    public String address() {
        return PortGuard.peer(ctx.channel().remoteAddress());
    }

    @Override
    public void close() {
        ctx.close();
    }

    @Override
    public void send(PlcMessage message) {
        ctx.writeAndFlush(message);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, PlcRequest req) {
        feed.heard(this);
        if (!req.isValid()) {
            refuse(ctx, req.seq(), req.nakReason(), req.nakDetail());
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
                    dispatch(req);
                }
            }
        } catch (PlcNak nak) {
            refuse(ctx, req.seq(), nak.reason(), nak.detail());
        }
    }

    /** A frame the adapter itself refuses: NAKed, counted, and logged at a bounded rate, never one line each. */
    private void refuse(ChannelHandlerContext ctx, long seq, String reason, String detail) {
        guard.refusedRequest(ctx.channel(), reason, detail);
        ctx.writeAndFlush(PlcMessage.nak(seq, reason, detail));
    }

    private void dispatch(PlcRequest req) {
        long seq = req.seq();
        switch (req.command()) {
            case START -> reply(seq, line.start(JobRequest.parse(req.args(), Integer.parseInt(version))), job -> new String[] {job});
            case PRINT -> {
                String item = req.arg(0);
                if (item == null || !ITEM.matcher(item).matches()) {
                    throw new PlcNak("BAD_FIELD", "item");
                }
                reply(seq, line.print(item), PlcSessionHandler::issued);
            }
            case STOP -> reply(seq, line.stop(), job -> new String[0]);
            case CLOSE -> reply(seq, line.close(), job -> new String[] {job});
            case STATUS -> reply(seq, line.status(), PlcSessionHandler::statusFields);
            case CLOSE_CASE -> {
                if (!PACKING_VERSION.equals(version)) {
                    throw new PlcNak("UNKNOWN_COMMAND", "CLOSE_CASE is protocol version 2 (HELLO,seq,2,…)");
                }
                reply(seq, line.closeCase(), items -> new String[] {Integer.toString(items)});
            }
            case CLOSE_PALLET -> {
                if (!PACKING_VERSION.equals(version)) {
                    throw new PlcNak("UNKNOWN_COMMAND", "CLOSE_PALLET is protocol version 2 (HELLO,seq,2,…)");
                }
                reply(seq, line.closePallet(), cases -> new String[] {Integer.toString(cases)});
            }
            case UNPACK, REPLACE, VOID_CASE, REPALLET -> {
                if (!PACKING_VERSION.equals(version)) {
                    throw new PlcNak("UNKNOWN_COMMAND", req.command() + " is protocol version 2 (HELLO,seq,2,…)");
                }
                rework(req);
            }
            default -> throw new PlcNak("UNKNOWN_COMMAND");
        }
    }

    /**
     * The rework station's commands (docs/plc-protocol.md "Rework"): the fields are checked here, before anything
     * reaches the vault; the vault work runs off this event loop with a deadline and its refusal comes back as
     * the vault's reason, the same word the CLI and the status port give.
     */
    private void rework(PlcRequest req) {
        long seq = req.seq();
        LineRework rework = line.rework();
        String by = "plc " + PlcRework.actor(plcId) + " at " + address();
        switch (req.command()) {
            case UNPACK -> {
                PlcRework.fields(req, 1, 2);
                reply(seq, rework.unpack(PlcRework.code(req, 0, "code"), by, PlcRework.reason(req, 1)),
                        u -> new String[] {u.level().name(), u.code(), Integer.toString(u.childCount())});
            }
            case REPLACE -> {
                PlcRework.fields(req, 3, 3);
                reply(seq, rework.replace(PlcRework.code(req, 0, "case"), PlcRework.code(req, 1, "old"),
                        PlcRework.code(req, 2, "new"), by), u -> new String[] {u.code(),
                        Integer.toString(u.children().size())});
            }
            case VOID_CASE -> {
                PlcRework.fields(req, 1, 2);
                reply(seq, rework.voidCase(PlcRework.code(req, 0, "code"), by, PlcRework.reason(req, 1)),
                        u -> new String[] {u.level().name(), u.code()});
            }
            case REPALLET -> {
                PlcRework.fields(req, 0, 1);
                reply(seq, rework.repallet(PlcRework.cases(req, 0), by), n -> new String[] {Integer.toString(n)});
            }
            default -> throw new PlcNak("UNKNOWN_COMMAND");
        }
    }

    private static String[] issued(ItemIssued i) {
        return new String[] {i.itemId(), Long.toString(i.codeIndex())};
    }

    /**
     * The STATUS reply's fields: state, job, then the job's account (printed, bound, rejected, voided; the same
     * account as job report) and the quantity.
     */
    public static String[] statusFields(LineStatus s) {
        return new String[] {s.state().name(), s.jobId() == null ? "" : s.jobId(), Long.toString(s.printed()),
                Long.toString(s.bound()), Long.toString(s.rejected()), Long.toString(s.voided()),
                Integer.toString(s.quantity())};
    }

    private void hello(ChannelHandlerContext ctx, PlcRequest req) {
        if (req.arg(0) == null || !VERSIONS.contains(req.arg(0))) { // (List.of's contains(null) throws)
            throw new PlcNak("VERSION", "this edge speaks versions " + String.join(" and ", VERSIONS));
        }
        version = req.arg(0);
        long lastEvent = lastEvent(req.arg(2));
        plcId = req.arg(1) == null ? "" : req.arg(1);
        PlcLink before = feed.holder();
        PlcLink held = feed.claim(this, takeover);
        if (held != null) {
            String holder = held.plcId() + " at " + held.address();
            ctx.writeAndFlush(PlcMessage.nak(req.seq(), "IN_USE", holder)).addListener(f ->
                    guard.refuse(ctx.channel(), "in_use", "the line is held by PLC " + holder));
            return;
        }
        if (helloDeadline != null) {
            helloDeadline.cancel(false);
        }
        if (before != null && before != this) {
            log.warn("line {}: PLC {} at {} took the line over from PLC {} at {}", line.lineId(), plcId, address(),
                    before.plcId(), before.address());
        }
        String job = line.currentJobId();
        ctx.writeAndFlush(PlcMessage.ack(req.seq(), "YIMA", version, line.lineId(), job == null ? "" : job));
        if (!greeted) {
            greeted = true;
            log.info("line {}: PLC {} connected from {}", line.lineId(), plcId, address());
        }
        feed.attach(this, lastEvent);
    }

    /**
     * HELLO's last-event: empty for none, else decimal digits up to {@link #MAX_LAST_EVENT} and not above the last
     * event this line has issued (a PLC cannot have seen more; numbers survive restarts, so a larger one means a
     * confused PLC or another edge's numbers, and replaying nothing would silently lose events).
     */
    private long lastEvent(String field) {
        if (field == null || field.isEmpty()) {
            return 0;
        }
        if (field.length() > 12 || !field.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new PlcNak("BAD_FIELD", "last-event");
        }
        long n = Long.parseLong(field);
        long issued = line.lastEventNumber();
        if (n > MAX_LAST_EVENT || n > issued) {
            throw new PlcNak("BAD_FIELD", "last-event " + n + " is above the last event issued (" + issued + ")");
        }
        return n;
    }

    /** How long a reply may wait for the line: {@code plc.trigger_deadline} plus {@link #REPLY_MARGIN}. */
    static Duration replyDeadline(Duration triggerDeadline) {
        return triggerDeadline.plus(REPLY_MARGIN);
    }

    private <T> void reply(long seq, CompletionStage<T> result, Function<T, String[]> fields) {
        // Always queued on the channel's loop, never written in place: the line hands its events (a FAULT that
        // caused this NAK, say) to the same queue before it completes the reply, so the PLC hears them first.
        // Never waited for on the loop: the answer (or the deadline) schedules the write.
        LineCalls.ask(result, replyDeadline).thenAcceptAsync(answer -> {
            if (answer instanceof LineAnswer.Done<T> done) {
                ctx.writeAndFlush(PlcMessage.ack(seq, fields.apply(done.value())));
            } else if (answer instanceof LineAnswer.Refused<T> refused) {
                ctx.writeAndFlush(PlcMessage.nak(seq, refused.refusal().reason().name(), refused.refusal().detail()));
            } else if (answer instanceof LineAnswer.TimedOut<T> late) {
                ctx.writeAndFlush(PlcMessage.nak(seq, "NO_ANSWER", "the line did not answer within "
                        + DurationText.format(late.deadline()) + "; ask STATUS before repeating"));
            } else {
                Throwable cause = ((LineAnswer.Failed<T>) answer).cause();
                if (cause instanceof ReworkRefused r) {
                    ctx.writeAndFlush(PlcMessage.nak(seq, r.reason().name(), r.detail()));
                } else if (cause instanceof PlcNak nak) {
                    ctx.writeAndFlush(PlcMessage.nak(seq, nak.reason(), nak.detail()));
                } else {
                    log.error("line {}: request {} failed", line.lineId(), seq, cause);
                    ctx.writeAndFlush(PlcMessage.nak(seq, "INTERNAL", null));
                }
            }
        }, ctx.executor());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.WRITER_IDLE) {
                feed.heartbeat(this);
            } else if (idle.state() == IdleState.READER_IDLE) {
                if (greeted) {
                    lossCause = "silent for three heartbeats";
                    guard.close(ctx.channel(), "silent");
                } else { // a stranger trickling bytes, never a whole frame: logged at a bounded rate
                    guard.refuse(ctx.channel(), "silent", "no whole frame for three heartbeats");
                }
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (helloDeadline != null) {
            helloDeadline.cancel(false);
        }
        boolean held = feed.holder() == this;
        feed.detach(this);
        if (greeted && held) { // one line per loss; a session replaced by a takeover was logged as such
            log.warn("line {}: PLC {} at {} lost ({}): the job stays open, triggers wait until it reconnects",
                    line.lineId(), plcId, address(), lossCause == null ? "connection closed" : lossCause);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (greeted) { // said once, in the "PLC lost" line of channelInactive
            lossCause = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        } else {
            log.warn("line {}: PLC link error: {}", line.lineId(), cause.toString());
        }
        ctx.close();
    }
}
