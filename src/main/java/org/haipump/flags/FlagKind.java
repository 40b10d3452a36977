package org.haipump.flags;

/** What a flag is about; review tasks are resolved by a nurse with a note, the others by the service. */
public enum FlagKind {
    /** The refill is past its due time: the pump runs on its reserve, or may be dry. */
    REFILL_OVERDUE,
    /** The measured flow rate is outside the tolerance, FAST (may run dry early) or SLOW (possible occlusion). */
    FLOW_DEVIATION,
    /** The pump did not deliver: suspected occlusion, a flow study before chemotherapy. */
    NO_FLOW,
    /** Review task: the pump was found empty, or filled after its reserve ended: check catheter patency. */
    PATENCY_REVIEW,
    /** Review task: raised on a chemotherapy hold's review day: decide whether chemotherapy resumes. */
    CHEMO_HOLD_REVIEW;

    /** Resolved by a nurse through {@code POST /api/v1/flags/{id}/resolution}, never by the service. */
    public boolean isReviewTask() {
        return this == PATENCY_REVIEW || this == CHEMO_HOLD_REVIEW;
    }
}
