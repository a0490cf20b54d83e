package io.gochat.api.routes;

import io.gochat.api.http.ApiResponse;
import io.gochat.api.http.BadRequest;
import io.gochat.api.http.InFlightLimit;
import io.gochat.api.http.MessageGateway;
import io.gochat.api.http.Responses;
import io.gochat.api.http.SessionGuard;
import io.gochat.protocol.service.DownloadReply;
import io.gochat.protocol.service.FileLinkReply;
import io.gochat.api.http.Endpoint;
import io.gochat.api.http.JsonBody;
import io.gochat.protocol.service.FileInfo;
import io.gochat.protocol.service.MessageCaller;
import io.gochat.protocol.service.UploadReply;
import io.gochat.protocol.service.UploadRequest;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /upload} (multipart: {@code authToken}, optional {@code durationMs}, and the {@code file}) stores a
 * file and answers its id and URL; {@code GET /file/{id}?authToken=…[&thumb=1]} serves it to its uploader and to
 * the users of a conversation it was sent to. The token may also come as {@code Authorization: Bearer …}. logic
 * decides the type from the bytes, the size limit of the type, and who may download.
 */
public final class UploadRoutes {
    private static final Logger log = LoggerFactory.getLogger(UploadRoutes.class);
    /** Above every per-type limit (logic enforces those); files cross the cluster's RPC in one call. */
    public static final long MAX_UPLOAD_BYTES = 7L * 1024 * 1024;

    private final MessageGateway messages;

    public UploadRoutes(MessageGateway messages) {
        this.messages = messages;
    }

    /** Multipart parts are kept in memory up to the largest upload; beyond it the request is refused. */
    public static void configure(JavalinConfig cfg) {
        cfg.jetty.multipartConfig.maxFileSize(MAX_UPLOAD_BYTES, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize((int) MAX_UPLOAD_BYTES, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(MAX_UPLOAD_BYTES + 64 * 1024, SizeUnit.BYTES);
    }

    public void addTo(RoutesConfig routes) {
        routes.post("/upload", limited(this::upload));
        routes.get("/file/{id}", this::download);
        routes.post("/file/link", Endpoint.of(this::link));
    }

    /** {@code {authToken, fileId, thumb?}} → {@code data: {"url":"/file/<id>?exp=…&sig=…","expiresAt":…}} */
    private CompletableFuture<ApiResponse> link(JsonBody b) {
        String token;
        try {
            token = b.text("authToken", SessionGuard.MAX_TOKEN_LENGTH);
        } catch (BadRequest e) {
            throw new BadRequest(ApiResponse.sessionError());
        }
        MessageCaller caller = MessageCaller.token(token);
        String fileId = b.text("fileId", 64);
        com.fasterxml.jackson.databind.JsonNode t = b.field("thumb");
        boolean thumb = t != null && (t.asBoolean(false) || "1".equals(t.asText()));
        return messages.<FileLinkReply>call(s -> s.fileLink(caller, fileId, thumb)).thenApply(r -> {
            if (r.code() == ApiResponse.SESSION_ERROR) {
                return ApiResponse.sessionError();
            }
            if (!r.ok()) {
                return ApiResponse.fail(r.message());
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("url", r.url());
            data.put("expiresAt", r.expiresAt());
            return ApiResponse.ok("ok", data);
        });
    }

    private CompletableFuture<ApiResponse> upload(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_UPLOAD_BYTES + 64 * 1024) {
            throw new BadRequest("file is too big: at most " + MAX_UPLOAD_BYTES + " bytes");
        }
        String contentType = String.valueOf(ctx.contentType());
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            throw new BadRequest("send the file as multipart/form-data with a part named file");
        }
        UploadedFile file;
        String formToken;
        String duration;
        try {
            file = ctx.uploadedFile("file");
            formToken = ctx.formParam("authToken");
            duration = ctx.formParam("durationMs");
        } catch (RuntimeException e) {
            throw new BadRequest("the upload could not be read (at most " + MAX_UPLOAD_BYTES + " bytes): "
                    + firstLine(e));
        }
        MessageCaller caller = caller(ctx, formToken);
        if (file == null) {
            throw new BadRequest("a part named file is required");
        }
        if (file.size() > MAX_UPLOAD_BYTES) {
            throw new BadRequest("file is too big: at most " + MAX_UPLOAD_BYTES + " bytes");
        }
        long durationMs = 0;
        if (duration != null && !duration.isBlank()) {
            try {
                durationMs = Long.parseLong(duration.trim());
            } catch (NumberFormatException e) {
                throw new BadRequest("durationMs must be a whole number of milliseconds");
            }
        }
        byte[] data;
        try (InputStream in = file.content()) {
            data = in.readNBytes((int) MAX_UPLOAD_BYTES + 1);
        } catch (IOException e) {
            throw new BadRequest("the upload could not be read");
        }
        if (data.length > MAX_UPLOAD_BYTES) {
            throw new BadRequest("file is too big: at most " + MAX_UPLOAD_BYTES + " bytes");
        }
        UploadRequest request = new UploadRequest(file.filename(), file.contentType(), durationMs, data);
        return messages.call(s -> s.upload(caller, request)).thenApply(UploadRoutes::uploaded);
    }

    private static ApiResponse uploaded(UploadReply r) {
        if (r.code() == ApiResponse.SESSION_ERROR) {
            return ApiResponse.sessionError();
        }
        if (!r.ok()) {
            return ApiResponse.fail(r.message());
        }
        FileInfo f = r.file();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("fileId", f.id());
        data.put("url", "/file/" + f.id());
        data.put("thumbnailUrl", f.thumbnail() ? "/file/" + f.id() + "?thumb=1" : null);
        data.put("kind", f.kind());
        data.put("mime", f.mime());
        data.put("size", f.size());
        data.put("sha256", f.sha256());
        data.put("name", f.name());
        data.put("width", f.width());
        data.put("height", f.height());
        data.put("durationMs", f.durationMs());
        return ApiResponse.ok("ok", data);
    }

    private void download(Context ctx) {
        InFlightLimit limit = ctx.appData(InFlightLimit.KEY);
        if (!limit.tryEnter()) {
            Responses.write(ctx, limit.busy());
            return;
        }
        String id = ctx.pathParam("id");
        boolean thumb = "1".equals(ctx.queryParam("thumb")) || "true".equals(ctx.queryParam("thumb"));
        String sig = ctx.queryParam("sig");
        CompletableFuture<DownloadReply> call;
        if (sig != null) {   // a signed link: no token, logic checks the HMAC and the expiry
            long exp;
            try {
                exp = Long.parseLong(String.valueOf(ctx.queryParam("exp")));
            } catch (NumberFormatException e) {
                exp = 0;
            }
            long expiresAt = exp;
            call = messages.call(s -> s.downloadLinked(id, thumb, expiresAt, sig));
        } else {
            MessageCaller caller;
            try {
                caller = caller(ctx, ctx.queryParam("authToken"));
            } catch (BadRequest e) {
                limit.leave();
                refuse(ctx, 401, e.response());
                return;
            }
            call = messages.call(s -> s.download(caller, id, thumb));
        }
        ctx.future(() -> call.handle((reply, error) -> {
            limit.leave();
            if (error != null) {
                refuse(ctx, 503, error.getCause() instanceof BadRequest b ? b.response()
                        : ApiResponse.fail("logic service unavailable, please try again later"));
            } else if (reply.code() == ApiResponse.SESSION_ERROR) {
                refuse(ctx, 401, ApiResponse.sessionError());
            } else if (!reply.ok()) {
                refuse(ctx, 403, ApiResponse.fail(reply.message()));   // 404 would be rewritten to "please check request url"
            } else {
                serve(ctx, reply);
            }
            return null;
        }));
    }

    /** The envelope with a real HTTP status: an <img> or a download must fail visibly, not show JSON. */
    private static void refuse(Context ctx, int status, ApiResponse response) {
        Responses.write(ctx, response);
        ctx.status(status);
    }

    /** The bytes with the sniffed type; never sniffed again by the browser; inline only for media. */
    private static void serve(Context ctx, DownloadReply reply) {
        String mime = reply.mime();
        boolean media = mime.startsWith("image/") || mime.startsWith("audio/") || mime.startsWith("video/");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Cache-Control", "private, max-age=86400");
        String safeName = reply.fileName() == null ? "file" : reply.fileName().replaceAll("[^\\w.\\- ]", "_");
        ctx.header("Content-Disposition", (media ? "inline" : "attachment") + "; filename=\"" + safeName + "\"");
        ctx.contentType(mime);
        ctx.result(reply.data());
    }

    /** The form's (or query's) authToken, else the Authorization bearer token; 40000 when there is none. */
    private static MessageCaller caller(Context ctx, String fromForm) {
        String token = fromForm;
        if (token == null || token.isBlank()) {
            String auth = ctx.header("Authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = auth.substring(7).trim();
            }
        }
        if (token == null || token.isBlank() || token.length() > SessionGuard.MAX_TOKEN_LENGTH) {
            throw new BadRequest(ApiResponse.sessionError());
        }
        return MessageCaller.token(token);
    }

    /** As {@code Endpoint}, for a handler that reads the request itself (multipart, not JSON). */
    private static Handler limited(java.util.function.Function<Context, CompletableFuture<ApiResponse>> action) {
        return ctx -> {
            InFlightLimit limit = ctx.appData(InFlightLimit.KEY);
            if (!limit.tryEnter()) {
                Responses.write(ctx, limit.busy());
                return;
            }
            CompletableFuture<ApiResponse> answer;
            try {
                answer = action.apply(ctx);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            CompletableFuture<ApiResponse> settled = answer.handle((r, e) -> {
                limit.leave();
                if (e == null) {
                    return r;
                }
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                if (cause instanceof BadRequest bad) {
                    return bad.response();
                }
                log.warn("{} {} failed: {}", ctx.method(), ctx.path(), cause.toString());
                return ApiResponse.fail("internal error, please try again");
            });
            ctx.future(() -> settled.thenAccept(r -> Responses.write(ctx, r)));
        };
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

}
