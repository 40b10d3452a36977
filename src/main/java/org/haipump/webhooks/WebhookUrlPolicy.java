package org.haipump.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.haipump.platform.config.HaiConfig;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;

/**
 * Which URLs the service may send webhooks to. Only https, and only hosts that resolve to public
 * addresses: a webhook must not become a way to reach the clinic's own network (SSRF). Checked at
 * registration and again before each delivery, since DNS may change. {@code hai.webhooks.allow-http}
 * lifts both limits, for tests and closed networks.
 */
@ApplicationScoped
public class WebhookUrlPolicy {

    private final boolean allowHttp;

    @Inject
    WebhookUrlPolicy(HaiConfig config) {
        this(config.webhooks().allowHttp());
    }

    /** For the rules' own tests, without the container. */
    WebhookUrlPolicy(boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    /** Passes a URL that may be registered; else 400 for a malformed one, 422 for one not allowed. */
    public URI requireAllowed(String url, String field) {
        URI uri = parse(url).orElseThrow(() -> ProblemException.invalid(field, "must be an absolute http(s) URL"));
        refusal(uri).ifPresent(reason -> {
            throw ProblemException.of(ProblemType.WEBHOOK_URL_NOT_ALLOWED, "The URL is not allowed: " + reason + ".",
                    field);
        });
        return uri;
    }

    /** Why a delivery to this URL may not be sent now, if it may not. */
    public Optional<String> refusal(URI uri) {
        if (!"https".equals(uri.getScheme()) && !allowHttp) {
            return Optional.of("only https URLs are accepted");
        }
        if (allowHttp) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isInternal(address)) {
                    return Optional.of("its host resolves to a private, loopback or link-local address");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("its host does not resolve");
        }
    }

    static Optional<URI> parse(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !("https".equals(scheme) || "http".equals(scheme))) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Loopback, private (RFC 1918, IPv6 unique-local), link-local, carrier-grade NAT, unspecified or multicast. */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) == 0xfc;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 169 && second == 254);
    }
}
