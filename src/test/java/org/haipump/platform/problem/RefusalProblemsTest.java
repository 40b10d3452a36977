package org.haipump.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.haipump.cycle.Refusal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each reason the rules refuse for reaches the client as its own problem type, with the status of its kind. */
class RefusalProblemsTest {

    @ParameterizedTest
    @EnumSource(Refusal.Reason.class)
    void everyReasonHasTheProblemTypeOfItsCodeAndKind(Refusal.Reason reason) {
        ProblemType type = ProblemType.of(reason);

        assertThat(type.code()).isEqualTo(reason.code());
        assertThat(type.status()).isEqualTo(reason.kind() == Refusal.Kind.CONFLICT ? 409 : 422);
    }

    @ParameterizedTest
    @EnumSource(Refusal.Reason.class)
    void aRefusalBecomesItsProblemWithTheFieldAsAnErrorAndTheRestAsExtensions(Refusal.Reason reason) {
        Refusal refusal = new Refusal(reason, "refused", Map.of("field", "startsAt", "windowOpensAt", "then"));

        Problem problem = ProblemException.of(refusal).problem();

        assertThat(problem.getType()).isEqualTo(ProblemType.TYPE_BASE + reason.code());
        assertThat(problem.getTitle()).isEqualTo(ProblemType.of(reason).title());
        assertThat(problem.getDetail()).isEqualTo("refused");
        assertThat(problem.getErrors()).containsExactly(new Problem.FieldError("startsAt", "refused"));
        assertThat(problem.getExtensions()).containsExactly(Map.entry("windowOpensAt", "then"));
    }
}
