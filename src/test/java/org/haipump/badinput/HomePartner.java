package org.haipump.badinput;

import static org.haipump.support.Api.as;

import java.time.Duration;
import java.util.UUID;
import org.haipump.support.Api;
import org.haipump.support.Tokens;

/**
 * One partner for the partner API's lines of the suites, whose token is asked for before the
 * target is made: registered at first use, again if the database was cleaned since.
 */
final class HomePartner {

    private static volatile String id;

    private HomePartner() {
    }

    static synchronized String id() {
        if (id == null || as(Tokens.admin()).get(Api.PARTNER, id).statusCode() != 200) {
            id = Api.createPartner();
        }
        return id;
    }

    static String token() {
        return Tokens.partner(UUID.fromString(id()));
    }

    /** A pump of one of the partner's patients, filled with chemotherapy 13 days ago: heparin is due tomorrow. */
    static String pump() {
        String patientId = Api.registerPatient();
        Api.assignPartner(patientId, id());
        return Api.pumpFilledAt(patientId, Api.daysAgo(13), "CHEMOTHERAPY", Api.FULL_ML);
    }

    /** A home visit two hours ahead of a pump of {@link #pump}: a work order of the partner's. */
    static Target workOrder() {
        String pumpId = pump();
        return Target.at(Api.bookHomeVisit(pumpId, Api.now().plus(Duration.ofHours(2)))).watching(pumpId);
    }
}
