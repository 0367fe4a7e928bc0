package dev.hush.rpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.hush.domain.Rejection;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refusal as a gRPC status, mapped as the proto's header says, with a {@code google.rpc.ErrorInfo} detail whose
 * {@code reason} is the REST problem's stable {@code code} (domain {@code hush.dev}), and a {@code google.rpc.BadRequest}
 * naming the invalid fields. Anything that is not a refusal is {@code INTERNAL} with no detail of its cause.
 */
final class RpcErrors {
    static final String DOMAIN = "hush.dev";
    private static final Logger LOG = LoggerFactory.getLogger(RpcErrors.class);

    private RpcErrors() {}

    static StatusRuntimeException of(Throwable t) {
        if (t instanceof StatusRuntimeException s) {
            return s;
        }
        if (!(t instanceof Rejection r)) {
            // Logged by type only: an exception message may carry what a request sent.
            LOG.error("RPC failed: {}", t.getClass().getName());
            return status(Code.INTERNAL, "internal_error", "An internal error occurred.", null);
        }
        // A conflict that asks the client to start over from fresh state is ABORTED; a name taken is ALREADY_EXISTS.
        Code code = r.code().equals("revision_expired") ? Code.ABORTED : code(r.kind());
        return status(code, r.code(), r.getMessage(), r);
    }

    static Code code(Rejection.Kind kind) {
        return switch (kind) {
            case INVALID, TOO_LARGE -> Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Code.UNAUTHENTICATED;
            case FORBIDDEN -> Code.PERMISSION_DENIED;
            case NOT_FOUND -> Code.NOT_FOUND;
            case CONFLICT -> Code.ALREADY_EXISTS;
            case RATE_LIMITED -> Code.RESOURCE_EXHAUSTED;
            case PAYMENT_REQUIRED -> Code.FAILED_PRECONDITION;
            case UNAVAILABLE -> Code.UNAVAILABLE;
        };
    }

    private static StatusRuntimeException status(Code code, String reason, String message, Rejection r) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message)
                .addDetails(Any.pack(ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN).build()));
        if (r != null && !r.errors().isEmpty()) {
            BadRequest.Builder bad = BadRequest.newBuilder();
            r.errors().forEach(e -> bad.addFieldViolations(BadRequest.FieldViolation.newBuilder().setField(e.field()).setDescription(e.message())));
            status.addDetails(Any.pack(bad.build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
