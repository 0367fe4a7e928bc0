package dev.hush.web.dashboard;

import dev.hush.application.auth.Caller;
import dev.hush.application.auth.WhoAmI;
import dev.hush.application.member.Membership;
import dev.hush.domain.Rejection;
import dev.hush.domain.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;

/**
 * Members and invitations of an organization: the list with pending invitations, invite by e-mail with a role,
 * revoke an invitation, change a role, remove a member. The {@link Membership} use case's rules, as the API has
 * them: owners and admins see and manage members, only an owner touches the owner role or changes roles, and an
 * organization never loses its last owner.
 */
@Controller("/orgs/{org}/members")
@Hidden
@ExecuteOn("blocking")
final class MemberPages {
    /** What a change that went through says on the page it lands on (a fixed text: the query only picks one). */
    private static final Map<String, String> DONE = Map.of(
            "invited", "Invitation sent.",
            "revoked", "Invitation revoked.",
            "role", "Role changed.",
            "removed", "Member removed.");

    private final Pages pages;
    private final Membership membership;
    private final WhoAmI whoAmI;

    MemberPages(Pages pages, Membership membership, WhoAmI whoAmI) {
        this.pages = pages;
        this.membership = membership;
        this.whoAmI = whoAmI;
    }

    @Get
    MutableHttpResponse<?> members(HttpRequest<?> request, @PathVariable String org, @Nullable @QueryValue String done) {
        var caller = pages.require(request);
        var roster = membership.list(caller, org);
        var list = MemberList.of(org, roster, role(caller, org), caller.userId(), done == null ? null : DONE.get(done));
        return Pages.render(HttpStatus.OK, "members", "page", pages.page(request, caller, "Members", org), "members", list);
    }

    @Post(value = "/invite", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> invite(HttpRequest<?> request, @PathVariable String org, @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        membership.invite(caller, org, form.getOrDefault("email", ""), form.getOrDefault("role", ""));
        return Pages.seeOther(back(org) + "?done=invited");
    }

    @Post(value = "/invites/{invite}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> revoke(HttpRequest<?> request, @PathVariable String org, @PathVariable String invite,
                                  @Nullable @Body Map<String, String> form) {
        var caller = pages.require(request);
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        membership.revokeInvite(caller, org, invite);
        return Pages.seeOther(back(org) + "?done=revoked");
    }

    @Post(value = "/{member}/role", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> changeRole(HttpRequest<?> request, @PathVariable String org, @PathVariable String member,
                                      @Body Map<String, String> form) {
        var caller = pages.change(request, form);
        membership.changeRole(caller, org, member, form.getOrDefault("role", ""));
        return Pages.seeOther(back(org) + "?done=role");
    }

    @Post(value = "/{member}/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> remove(HttpRequest<?> request, @PathVariable String org, @PathVariable String member,
                                  @Nullable @Body Map<String, String> form) {
        var caller = pages.require(request);
        pages.requireSameSite(request, form == null ? null : form.get("_token"));
        membership.remove(caller, org, member);
        // Who leaves an organization can no longer see its members.
        return Pages.seeOther(member.equals(caller.userId().toString()) ? "/" : back(org) + "?done=removed");
    }

    /** The caller's role in the organization the page is about (the use case already let them see it). */
    private Role role(Caller caller, String org) {
        return whoAmI.memberships(caller).stream()
                .filter(m -> m.org().slug().value().equals(org) || m.org().id().toString().equals(org))
                .map(dev.hush.application.port.Organizations.Membership::role)
                .findFirst().orElseThrow(() -> Rejection.notFound("organization"));
    }

    private static String back(String org) { return "/orgs/" + org + "/members"; }


    @Error(exception = Rejection.class)
    MutableHttpResponse<?> refused(HttpRequest<?> request, Rejection e) {
        String[] path = request.getPath().split("/");
        // An organization the caller is no member of is not named back to them.
        String org = path.length > 2 && e.kind() != Rejection.Kind.NOT_FOUND ? path[2] : null;
        String back = org == null ? "/" : "GET".equals(request.getMethodName()) ? "/orgs/" + org + "/projects" : back(org);
        return pages.refused(request, e, org, e.getMessage(), back);
    }
}
