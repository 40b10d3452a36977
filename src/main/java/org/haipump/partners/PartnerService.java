package org.haipump.partners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.CurrentActor;
import org.haipump.platform.web.IfMatch;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.haipump.platform.web.Versioned;
import org.haipump.webhooks.DeliveryService;
import org.haipump.webhooks.SecretRotationResponse;
import org.haipump.webhooks.WebhookEndpointEntity;
import org.haipump.webhooks.WebhookEndpointRepository;
import org.haipump.webhooks.WebhookSecrets;
import org.haipump.webhooks.WebhookUrlPolicy;

/** The clinic's register of home-infusion partners, each with its webhook endpoint and signing secrets. */
@ApplicationScoped
public class PartnerService {

    private static final String WEBHOOK_URL = "webhookUrl";

    private final PartnerRepository partners;
    private final WebhookEndpointRepository endpoints;
    private final DeliveryService deliveries;
    private final WebhookSecrets secrets;
    private final WebhookUrlPolicy urlPolicy;
    private final CurrentActor actor;
    private final ObjectMapper json;
    private final Validator validator;
    private final Clock clock;

    PartnerService(PartnerRepository partners, WebhookEndpointRepository endpoints, DeliveryService deliveries,
                   WebhookSecrets secrets, WebhookUrlPolicy urlPolicy, CurrentActor actor, ObjectMapper json,
                   Validator validator, Clock clock) {
        this.partners = partners;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.urlPolicy = urlPolicy;
        this.actor = actor;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    /** A new partner, its endpoint (without a URL if none is given) and its first secret, shown in this answer only. */
    @Transactional
    public Versioned<CreatedPartnerResponse> create(PartnerRequest request) {
        String url = allowedUrl(request.webhookUrl());
        Instant now = clock.instant();
        PartnerEntity partner = new PartnerEntity();
        partner.id = UUID.randomUUID();
        partner.name = request.name().strip();
        partner.contactEmail = request.contactEmail().strip();
        partner.createdAt = now;
        partner.createdBy = actor.name();
        partner.updatedAt = now;
        partners.persist(partner);
        WebhookEndpointEntity endpoint = WebhookEndpointEntity.registered(partner.id, now, actor.name());
        endpoint.url = url;
        endpoints.persist(endpoint);
        String secret = secrets.issue(endpoint.id);
        partners.flush();
        return new Versioned<>(CreatedPartnerResponse.of(PartnerResponse.of(partner, url), secret), partner.version);
    }

    @Transactional
    public ItemsPage<PartnerResponse> list(PageRequest page) {
        return ItemsPage.ofRows(partners.find("order by name, id"), page, rows -> {
            if (rows.isEmpty()) {
                return List.of();
            }
            Map<UUID, String> urls = endpoints.list("partnerId in ?1", rows.stream().map(p -> p.id).toList()).stream()
                    .filter(e -> e.url != null)
                    .collect(Collectors.toMap(e -> e.partnerId, e -> e.url));
            return rows.stream().map(p -> PartnerResponse.of(p, urls.get(p.id))).toList();
        });
    }

    @Transactional
    public Optional<Versioned<PartnerResponse>> find(UUID id) {
        return partners.findByIdOptional(id).map(p -> new Versioned<>(PartnerResponse.of(p, endpoint(p).url), p.version));
    }

    /** {@code PUT}: every field as sent; a URL left out is removed. */
    @Transactional
    public Versioned<PartnerResponse> replace(UUID id, IfMatch ifMatch, PartnerRequest request) {
        return change(id, ifMatch, request.name(), request.contactEmail(), Optional.ofNullable(request.webhookUrl()));
    }

    /**
     * {@code PATCH} (merge patch): the members sent replace the current values, {@code "webhookUrl": null}
     * removes the URL; the merged partner must pass the same checks as a {@code PUT}.
     */
    @Transactional
    public Versioned<PartnerResponse> patch(UUID id, IfMatch ifMatch, ObjectNode patch) throws JsonProcessingException {
        PartnerEntity partner = partners.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("partner", id));
        ObjectNode merged = json.createObjectNode();
        merged.put("name", partner.name);
        merged.put("contactEmail", partner.contactEmail);
        merged.put(WEBHOOK_URL, endpoint(partner).url);
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            if (member.getValue().isNull() && !member.getKey().equals(WEBHOOK_URL) && merged.has(member.getKey())) {
                throw ProblemException.invalid(member.getKey(), "must not be null");
            }
            // An unknown member is kept, so that reading the result refuses it as in any other body.
            merged.set(member.getKey(), member.getValue());
        }
        PartnerRequest request = json.treeToValue(merged, PartnerRequest.class);
        Set<ConstraintViolation<PartnerRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return change(id, ifMatch, request.name(), request.contactEmail(), Optional.ofNullable(request.webhookUrl()));
    }

    /**
     * A new secret for the partner's endpoint; the ones before it sign until the overlap ends. The
     * partner's row is locked so that two rotations run one after the other.
     */
    @Transactional
    public SecretRotationResponse rotateSecret(UUID id) {
        PartnerEntity partner = partners.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("partner", id));
        return secrets.rotate(endpoint(partner).id);
    }

    /** The partner, or a 404 problem. */
    public PartnerEntity require(UUID id) {
        return partners.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("partner", id));
    }

    /** {@code name} and {@code contactEmail} null: unchanged; {@code webhookUrl} null: unchanged, empty: removed. */
    private Versioned<PartnerResponse> change(UUID id, IfMatch ifMatch, String name, String contactEmail,
                                              Optional<String> webhookUrl) {
        PartnerEntity partner = partners.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("partner", id));
        ifMatch.check(partner.version);
        WebhookEndpointEntity endpoint = endpoint(partner);
        if (webhookUrl != null) {
            String before = endpoint.url;
            endpoint.url = allowedUrl(webhookUrl.orElse(null));
            if (before != null && endpoint.url == null) {
                deliveries.cancelPending(endpoint.id, "the webhook URL was removed");
            }
        }
        if (name != null) {
            partner.name = name.strip();
        }
        if (contactEmail != null) {
            partner.contactEmail = contactEmail.strip();
        }
        // Always a change of the row (a change of the URL alone too), so that its version moves.
        partner.updatedAt = clock.instant();
        partners.flush();
        return new Versioned<>(PartnerResponse.of(partner, endpoint.url), partner.version);
    }

    private WebhookEndpointEntity endpoint(PartnerEntity partner) {
        return endpoints.ofPartner(partner.id)
                .orElseThrow(() -> new IllegalStateException("Partner " + partner.id + " has no webhook endpoint"));
    }

    /** A blank URL is none, as every optional text of the API. */
    private String allowedUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        return urlPolicy.requireAllowed(url.strip(), WEBHOOK_URL).toString();
    }
}
