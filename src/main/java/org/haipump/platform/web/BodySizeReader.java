package org.haipump.platform.web;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the body a resource reads, to its end, and refuses it once it exceeds the limit: a chunked
 * body declares no length that {@link BodySizeLimit} could check first.
 */
@Provider
public class BodySizeReader implements ReaderInterceptor {

    private final BodySizeLimit limit;

    BodySizeReader(BodySizeLimit limit) {
        this.limit = limit;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new CountingStream(context.getInputStream(), limit.limit()));
        return context.proceed();
    }

    /** Thrown while reading a body above the limit; answered as a 413 problem. */
    public static final class BodyTooLargeException extends IOException {

        private final long limit;

        BodyTooLargeException(long limit) {
            super("The request body is larger than " + limit + " bytes", null);
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private static final class CountingStream extends FilterInputStream {

        private final long limit;
        private long count;

        CountingStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                counted(read);
            }
            return read;
        }

        /** Reads what the reader left, such as blanks after the JSON: they count too. */
        @Override
        public void close() throws IOException {
            try {
                byte[] buffer = new byte[8192];
                while (read(buffer, 0, buffer.length) >= 0) {
                    // counting is all
                }
            } finally {
                super.close();
            }
        }

        private void counted(int bytes) throws BodyTooLargeException {
            count += bytes;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
