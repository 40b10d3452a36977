package org.haipump.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the patient behind the first resource of an API path ({@code /api/v1/pumps/{id}/...}), so
 * that a refused request, or one whose answer names no patient, is still recorded against them.
 * A new top-level collection that belongs to a patient adds one line here. The partner API's
 * paths ({@code /api/v1/partner/pumps/{id}/...}) name the same collections one segment later.
 */
@ApplicationScoped
public class PatientOwners {

    /** The collection and the id that follows it in the path. */
    public record Owner(String collection, UUID id) {
    }

    private static final Map<String, String> PATIENT_OF = Map.of(
            "patients", "select id from patient where id = ?1",
            "pumps", "select patient_id from pump where id = ?1",
            "appointments", "select patient_id from appointment where id = ?1",
            "flags", "select patient_id from flag where id = ?1");

    private static final String API_PREFIX = "/api/v1/";
    private static final String PARTNER_API = "partner";

    private final EntityManager entityManager;

    PatientOwners(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The owning resource named by the path, if the path starts with one this class knows. */
    static Optional<Owner> ownerIn(String path) {
        if (!path.startsWith(API_PREFIX)) {
            return Optional.empty();
        }
        String[] all = path.substring(API_PREFIX.length()).split("/");
        String[] segments = all.length > 0 && all[0].equals(PARTNER_API)
                ? java.util.Arrays.copyOfRange(all, 1, all.length) : all;
        if (segments.length < 2 || !PATIENT_OF.containsKey(segments[0])) {
            return Optional.empty();
        }
        return Ids.parse(segments[1]).map(id -> new Owner(segments[0], id));
    }

    /** Runs inside the caller's transaction. */
    Optional<UUID> patientOf(Owner owner) {
        @SuppressWarnings("unchecked")
        List<UUID> found = entityManager.createNativeQuery(PATIENT_OF.get(owner.collection()), UUID.class)
                .setParameter(1, owner.id())
                .getResultList();
        return found.stream().findFirst();
    }
}
