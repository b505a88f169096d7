from flask import jsonify

from meetings.api import ApiRoutes, api_user

routes = ApiRoutes()


@routes.route("/me", summary="The user of the token, its role and delegation")
def me():
    user = api_user()
    return jsonify(
        {
            "username": user.username,
            "full_name": user.full_name,
            "role": user.role.value,
            "delegation": user.delegation.code if user.delegation else None,
        }
    )
