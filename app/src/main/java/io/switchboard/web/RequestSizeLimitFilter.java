package io.switchboard.web;

import io.switchboard.shared.ProblemCode;
import io.switchboard.shared.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounds every request body, before anything reads it: by the declared length, or while reading
 * a body sent without one (chunked). Over the limit the answer is 413 {@code PAYLOAD_TOO_LARGE}.
 * The API and the portal accept {@value #MAX_BYTES} bytes; the unauthenticated Graph webhooks
 * {@value #WEBHOOK_MAX_BYTES} bytes, far above what Microsoft sends (an item about a user or a
 * group carries no resource data and is under 1 KiB).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final int MAX_BYTES = 1024 * 1024;

    static final int WEBHOOK_MAX_BYTES = 256 * 1024;

    /** The start of the Graph notification and lifecycle URLs. */
    private static final String WEBHOOK_PATHS = "/integration/graph-";

    private final JsonMapper mapper;

    RequestSizeLimitFilter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    static String tooLargeDetail(long limit) {
        return "The request body is larger than " + limit / 1024 + " KiB, the most this address accepts. Send less"
                + " data per request.";
    }

    static long limitFor(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith(WEBHOOK_PATHS) ? WEBHOOK_MAX_BYTES : MAX_BYTES;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            response.setStatus(ProblemCode.PAYLOAD_TOO_LARGE.status());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Connection", "close");
            mapper.writeValue(
                    response.getOutputStream(), Problems.of(ProblemCode.PAYLOAD_TOO_LARGE, tooLargeDetail(limit)));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
            return reader;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream != null) {
                return stream;
            }
            ServletInputStream in = super.getInputStream();
            stream = new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > limit) {
                        throw new BodyTooLarge(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
            return stream;
        }
    }
}
