package org.haipump.patients;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haipump.platform.config.HaiConfig;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.problem.ProblemType;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;

@ApplicationScoped
public class PatientService {

    private final PatientRepository patients;
    private final HaiConfig config;
    private final Clock clock;

    PatientService(PatientRepository patients, HaiConfig config, Clock clock) {
        this.patients = patients;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public PatientResponse register(RegisterPatientRequest request) {
        ZoneId zone = zoneOrDefault(request.timeZone());
        String mrn = request.mrn().strip();
        if (patients.findByMrn(mrn).isPresent()) {
            throw ProblemException.of(ProblemType.DUPLICATE_MRN, "A patient with this MRN is already registered.",
                    "mrn");
        }
        PatientEntity patient = new PatientEntity();
        patient.id = UUID.randomUUID();
        patient.mrn = mrn;
        patient.givenName = request.givenName().strip();
        patient.familyName = request.familyName().strip();
        patient.birthDate = request.birthDate();
        patient.timeZone = zone.getId();
        patient.createdAt = clock.instant();
        patients.persist(patient);
        return PatientResponse.of(patient, null);
    }

    @Transactional
    public Optional<PatientResponse> find(UUID id) {
        return patients.findByIdOptional(id).map(p -> views(List.of(p)).get(0));
    }

    /**
     * The patient with this MRN, as a list of at most one. Minimum necessary: there is no listing of
     * every patient, so a search names the patient it looks for.
     */
    @Transactional
    public ItemsPage<PatientResponse> withMrn(String mrn, PageRequest page) {
        if (mrn == null || mrn.isBlank()) {
            throw ProblemException.invalid("mrn", "is required: patients are found by MRN, never listed");
        }
        List<PatientResponse> found = views(patients.findByMrn(mrn.strip()).stream().toList());
        return new ItemsPage<>(found, 0, page.size, found.size());
    }

    /** The patients with their current partners, in one more query. */
    private List<PatientResponse> views(List<PatientEntity> list) {
        Map<UUID, UUID> partners = patients.currentPartners(list.stream().map(p -> p.id).toList());
        return list.stream().map(p -> PatientResponse.of(p, partners.get(p.id))).toList();
    }

    /** The patient, or a 404 problem. */
    public PatientEntity require(UUID id) {
        return patients.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("patient", id));
    }

    private ZoneId zoneOrDefault(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return config.defaultTimeZone();
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("timeZone", "must be an IANA time zone such as America/New_York");
        }
    }
}
