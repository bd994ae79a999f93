package io.yima.status;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's codes as CSV or JSON, streamed: one page of {@link #PAGE} codes is read (a short read on the vault, so a
 * line's lookups never wait behind the download), written as one HTTP chunk, and the next page is read only once
 * that chunk has left — a slow browser slows the download, never the vault, and memory stays at one page. Runs on
 * the status port's blocking pool; each write waits at most {@link #WRITE_DEADLINE_SECONDS}, then the connection is
 * closed.
 * <p>
 * Without a valid token only the codes the job has accounted for are listed (BOUND, REJECTED, VOIDED): a code that
 * is reserved or sent and not yet bound is a live code not on a product yet, and a listing anyone on the network can
 * fetch must not hand it out. With the token every code of the job is listed.
 */
final class JobDownload {

    private static final Logger LOG = LoggerFactory.getLogger(JobDownload.class);
    static final int PAGE = 2_000;
    static final long WRITE_DEADLINE_SECONDS = 30;
    static final String CSV_HEADER = "code,item,state,reason,activation,application,index,updated\r\n";

    /** The states of a code whose fate is settled: listed to anyone. */
    static final Set<String> ACCOUNTED = Set.of("BOUND", "REJECTED", "VOIDED");

    enum Format { CSV, JSON }

    private final StatusHistory history;
    private final String jobId;
    private final Format format;
    private final boolean unaccounted;

    /** @param unaccounted true to list every code (the request carried a valid token), false for accounted-for ones */
    JobDownload(StatusHistory history, String jobId, Format format, boolean unaccounted) {
        this.history = history;
        this.jobId = jobId;
        this.format = format;
        this.unaccounted = unaccounted;
    }

    void stream(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            if (!history.jobExists(jobId)) {
                HttpReply.send(ctx, request, HttpReply.error(HttpResponseStatus.NOT_FOUND, "no job " + jobId));
                return;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, format == Format.CSV ? "text/csv; charset=utf-8"
                            : HttpReply.JSON)
                    .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                    .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                    .set("X-Content-Type-Options", "nosniff")
                    .set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName() + "\"");
            HttpUtil.setKeepAlive(head, keepAlive);
            // The browser sends nothing while it receives: the port's read timeout would cut a long download.
            // Each write has its own deadline instead; the timeout is back once the download is done.
            boolean idleRemoved = ctx.pipeline().get(StatusServer.IDLE) != null
                    && ctx.pipeline().remove(StatusServer.IDLE) != null;
            if (!write(ctx, head)) {
                return;
            }
            StringBuilder out = new StringBuilder(format == Format.CSV ? CSV_HEADER
                    : "{\"job\":" + quoteJson(jobId) + ",\"codes\":[");
            Object cursor = null;
            boolean first = true;
            do {
                StatusHistory.CodePage page = history.codes(jobId, cursor, PAGE);
                for (StatusHistory.JobCode c : page.codes()) {
                    if (!unaccounted && !ACCOUNTED.contains(c.state())) {
                        continue;
                    }
                    if (format == Format.CSV) {
                        csvRow(out, c);
                    } else {
                        out.append(first ? "" : ",").append(new String(StatusJson.bytes(c), StandardCharsets.UTF_8));
                    }
                    first = false;
                }
                cursor = page.cursor();
                if (cursor != null && out.length() > 0 && !write(ctx, new DefaultHttpContent(chunk(out)))) {
                    return;
                }
            } while (cursor != null);
            if (format == Format.JSON) {
                out.append("]}");
            }
            if (write(ctx, new DefaultHttpContent(chunk(out)))) {
                ChannelFuture last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (!keepAlive) {
                    last.addListener(ChannelFutureListener.CLOSE);
                } else if (idleRemoved) {
                    ctx.pipeline().addFirst(StatusServer.IDLE, StatusServer.idleTimeout());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("status port: download of job {} failed", PeerText.escape(jobId), e);
            ctx.close();
        } finally {
            request.release();
        }
    }

    /** Writes and waits until the bytes left (bounded): the back-pressure that keeps one page in memory. */
    private boolean write(ChannelHandlerContext ctx, Object part) {
        ChannelFuture f = ctx.writeAndFlush(part);
        if (!f.awaitUninterruptibly(WRITE_DEADLINE_SECONDS, TimeUnit.SECONDS) || !f.isSuccess()) {
            LOG.info("status port: download of job {} abandoned (client gone or too slow)", PeerText.escape(jobId));
            ctx.close();
            return false;
        }
        return true;
    }

    private static ByteBuf chunk(StringBuilder out) {
        ByteBuf b = Unpooled.copiedBuffer(out, StandardCharsets.UTF_8);
        out.setLength(0);
        return b;
    }

    private String fileName() {
        String safe = jobId.replaceAll("[^A-Za-z0-9._-]", "_");
        return "job-" + safe + "-codes." + (format == Format.CSV ? "csv" : "json");
    }

    static void csvRow(StringBuilder out, StatusHistory.JobCode c) {
        out.append(csv(c.code())).append(',').append(csv(c.item())).append(',').append(csv(c.state())).append(',')
                .append(csv(c.reason())).append(',').append(csv(c.activation())).append(',')
                .append(c.application()).append(',').append(c.index()).append(',').append(csv(c.updated()))
                .append("\r\n");
    }

    /**
     * One CSV field (RFC 4180 quoting). A value a spreadsheet would run as a formula (an item id from the PLC
     * starting with = + - @) gets a leading apostrophe, so opening the file cannot execute anything.
     */
    static String csv(String v) {
        if (v == null || v.isEmpty()) {
            return "";
        }
        String s = "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String quoteJson(String s) {
        return new String(StatusJson.bytes(s), StandardCharsets.UTF_8);
    }
}
