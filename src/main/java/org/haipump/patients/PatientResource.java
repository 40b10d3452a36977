package org.haipump.patients;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.haipump.platform.problem.ProblemException;
import org.haipump.platform.security.Roles;
import org.haipump.platform.web.Created;
import org.haipump.platform.web.ItemsPage;
import org.haipump.platform.web.PageRequest;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.haipump.audit.AuditAction;
import org.haipump.audit.Audited;

@Path("/api/v1/patients")
// JSON only: any other media type is a 415 (text/plain would fill a one-field record such as CancellationRequest).
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Patients", description = "Patient registration and lookup.")
@RolesAllowed({Roles.SCHEDULER, Roles.NURSE, Roles.ADMIN})
public class PatientResource {

    private final PatientService service;

    PatientResource(PatientService service) {
        this.service = service;
    }

    @Audited(action = AuditAction.CREATE, resource = "patient")
    @POST
    @APIResponse(responseCode = "201", description = "Created",
            headers = @Header(name = "Location", description = "The new resource"),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PatientResponse.class)))
    public Response register(@NotNull @Valid RegisterPatientRequest body, UriInfo uri) {
        PatientResponse created = service.register(body);
        return Created.at(uri, created.id(), created);
    }

    @Audited(action = AuditAction.READ, resource = "patient")
    @GET
    @Path("/{id}")
    public PatientResponse get(@PathParam("id") UUID id) {
        return service.find(id).orElseThrow(() -> ProblemException.notFound("patient", id));
    }

    /** Kept for clients written before the search; the MRN then sits in the URL, which proxies may log. */
    @Audited(action = AuditAction.SEARCH, resource = "patient")
    @GET
    @Operation(summary = "Find a patient by MRN in the query (prefer POST /api/v1/patients/search)", deprecated = true)
    public ItemsPage<PatientResponse> list(@QueryParam("mrn") String mrn, @Valid @BeanParam PageRequest page) {
        return service.withMrn(mrn, page);
    }

    @Audited(action = AuditAction.SEARCH, resource = "patient")
    @POST
    @Path("/search")
    @Operation(summary = "Find a patient by MRN, the MRN in the body")
    public ItemsPage<PatientResponse> search(@NotNull @Valid PatientSearchRequest body) {
        return service.withMrn(body.mrn(), PageRequest.of(0, 1));
    }
}
