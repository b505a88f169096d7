"""OpenAPI 3.1 document built from the declared API routes and their WTForms forms."""

import re

from flask import jsonify
from wtforms import fields

from meetings.api import ApiRoutes, RouteDoc, allowed_who, route_docs
from meetings.api.schemas import ANY, FILE, STR, mapping, obj

routes = ApiRoutes()

_FIELD_TYPES = (
    (fields.BooleanField, {"type": "boolean"}),
    (fields.IntegerField, {"type": "integer"}),
    (fields.DecimalField, {"type": "number"}),
    (fields.FloatField, {"type": "number"}),
    (fields.DateField, {"type": "string", "format": "date"}),
    (fields.EmailField, {"type": "string", "format": "email"}),
    (fields.SelectMultipleField, {"type": "array", "items": {"type": "string"}}),
    (fields.FileField, FILE),
)
_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
_STRPTIME = {"%Y": r"\d{4}", "%m": r"\d{2}", "%d": r"\d{2}", "%H": r"\d{2}", "%M": r"\d{2}", "%S": r"\d{2}"}
_EXAMPLES = {"code": "AUT", "username": "austria"}  # the demo's Austria; ids: the first record
_STATUS = {200: "Success", 201: "Created", 202: "Accepted: waits for a decision"}
_SPELLED = {"%Y": "YYYY", "%m": "MM", "%d": "DD", "%H": "HH", "%M": "MM", "%S": "SS"}


def _moment_schema(formats: list[str]) -> dict:
    """A date-time or time field as the forms read it: local, without a zone, in one of its formats.

    JSON Schema's `date-time` and `time` demand a zone offset, which these fields refuse."""
    pattern = "|".join(re.sub("|".join(_STRPTIME), lambda m: _STRPTIME[m.group(0)], f) for f in formats)
    spelled = " or ".join(re.sub("|".join(_SPELLED), lambda m: _SPELLED[m.group(0)], f) for f in formats)
    return {"type": "string", "pattern": f"^(?:{pattern})$", "description": f"{spelled}, local time"}


def field_schema(field) -> dict:
    if isinstance(field, fields.DateTimeField | fields.TimeField) and not isinstance(field, fields.DateField):
        formats = field.format if isinstance(field.format, list) else [field.format]
        schema = _moment_schema(formats)
    else:
        schema = next((dict(s) for cls, s in _FIELD_TYPES if isinstance(field, cls)), {"type": "string"})
    if getattr(field, "choices", None) and schema["type"] == "string":
        schema["enum"] = [str(c[0]) if isinstance(c, tuple) else str(c) for c in field.choices]
    for v in field.validators:
        if v.__class__.__name__ == "Length":
            if v.max and v.max > 0:
                schema["maxLength"] = v.max
            if v.min and v.min > 0:
                schema["minLength"] = v.min
        if v.__class__.__name__ == "NumberRange":
            if v.min is not None:
                schema["minimum"] = v.min
            if v.max is not None:
                schema["maximum"] = v.max
    if field.description:
        schema["description"] = (schema.get("description", "") + "; " + str(field.description)).lstrip("; ")
    return schema


def form_schema(form_class: type) -> dict:
    from flask_wtf import FlaskForm

    form = form_class(meta={"csrf": False}, formdata=None) if issubclass(form_class, FlaskForm) else form_class()
    props, required = {}, []
    for f in form:
        if f.type in ("SubmitField", "CSRFTokenField", "HiddenField") and f.name != "id":
            continue
        props[f.name] = field_schema(f)
        if any(getattr(v, "field_flags", {}).get("required") for v in f.validators):
            required.append(f.name)
    return {"type": "object", "properties": props, "required": required}


def _operation(doc: RouteDoc, method: str) -> dict:
    params = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "integer" if conv == "int" else "string"},
            "example": _EXAMPLES.get(name, 1 if conv == "int" else "AUT"),
        }
        for conv, name in _PARAM.findall(doc.rule)
    ]
    schema = doc.response if doc.response is not None else _body(doc.produces)
    responses: dict = {
        str(status): {"description": _STATUS.get(status, "Success"), "content": {doc.produces: {"schema": schema}}}
        for status in (doc.status if isinstance(doc.status, tuple) else (doc.status,))
    }
    responses |= {
        "4XX": {
            "description": "Refused",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        },
    }
    if doc.conditional and method == "GET":
        responses["304"] = {"description": "Not modified: the ETag sent in If-None-Match still holds"}
        params.append({"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"}})
    op: dict = {
        "operationId": f"{doc.endpoint}_{method.lower()}" if len(doc.methods) > 1 else doc.endpoint,
        "summary": doc.summary,
        "parameters": params,
        "responses": responses,
    }
    if doc.public:
        op["security"] = []
    elif doc.allow is not None:
        op["description"] = "Who: " + allowed_who(doc.allow)
    if doc.form is not None and method in ("POST", "PUT", "PATCH"):
        op["requestBody"] = {"required": True, "content": {doc.consumes: {"schema": form_schema(doc.form)}}}
    return op


def _body(media_type: str) -> dict:
    """What a route that declares no schema answers: any JSON, or bytes of its media type."""
    return ANY if media_type == "application/json" else {"type": "string", "format": "binary"}


def build_document() -> dict:
    """The document of the current app's API routes."""
    paths: dict = {}
    for doc in route_docs():
        path = "/api/v1" + _PARAM.sub(r"{\2}", doc.rule)
        for method in doc.methods:
            paths.setdefault(path, {})[method.lower()] = _operation(doc, method)
    return {
        "openapi": "3.1.0",
        "info": {"title": "meetings API", "version": "1"},
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": obj(message={"type": "string"}, errors=mapping({"type": "array", "items": {"type": "string"}}))
            },
        },
        "security": [{"bearer": []}],
        "paths": paths,
    }


@routes.route(
    "/openapi.json",
    response=obj(openapi=STR, info=obj(title=STR, version=STR), paths=mapping(mapping(ANY)), components=ANY),
    summary="This document",
    public=True,
)
def openapi_document():
    return jsonify(build_document())
