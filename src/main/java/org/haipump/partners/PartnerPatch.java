package org.haipump.partners;

/**
 * The members a merge patch (RFC 7396) of a partner may send, as the contract documents them. The
 * service reads the patch as a JSON tree, since a record cannot tell a member left out (unchanged)
 * from one sent as null (removed: only {@code webhookUrl} may be); it merges the patch into the
 * current partner and validates the result as a {@link PartnerRequest}.
 */
public record PartnerPatch(String name, String contactEmail, String webhookUrl) {
}
