package org.haipump.fills;

import java.util.UUID;

/** A fill a partner's nurse did at the patient's home: the agency and the nurse who did it. */
public record HomeFill(UUID partnerId, String performedBy) {
}
