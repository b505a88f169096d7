"""OpenAPI 3.1 document built from the declared API routes and their WTForms forms."""

import re

from flask import jsonify
from wtforms import fields

from meetings.api import ApiRoutes, RouteDoc, allowed_who, route_docs

routes = ApiRoutes()

_FIELD_TYPES = (
    (fields.BooleanField, {"type": "boolean"}),
    (fields.IntegerField, {"type": "integer"}),
    (fields.DecimalField, {"type": "number"}),
    (fields.FloatField, {"type": "number"}),
    (fields.DateTimeLocalField, {"type": "string", "format": "date-time"}),
    (fields.DateTimeField, {"type": "string", "format": "date-time"}),
    (fields.DateField, {"type": "string", "format": "date"}),
    (fields.TimeField, {"type": "string", "format": "time"}),
    (fields.EmailField, {"type": "string", "format": "email"}),
    (fields.SelectMultipleField, {"type": "array", "items": {"type": "string"}}),
    (fields.FileField, {"type": "string", "format": "binary"}),
)
_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def field_schema(field) -> dict:
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
        schema["description"] = str(field.description)
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
        }
        for conv, name in _PARAM.findall(doc.rule)
    ]
    op: dict = {
        "operationId": f"{doc.endpoint}_{method.lower()}" if len(doc.methods) > 1 else doc.endpoint,
        "summary": doc.summary,
        "parameters": params,
        "responses": {
            "200": {"description": "Success", "content": {doc.produces: {}}},
            "4XX": {
                "description": "Refused",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
            },
        },
    }
    if doc.public:
        op["security"] = []
    elif doc.allow is not None:
        op["description"] = "Who: " + allowed_who(doc.allow)
    if doc.form is not None and method in ("POST", "PUT", "PATCH"):
        op["requestBody"] = {"required": True, "content": {"application/json": {"schema": form_schema(doc.form)}}}
    return op


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
                "Error": {
                    "type": "object",
                    "properties": {
                        "message": {"type": "string"},
                        "errors": {
                            "type": "object",
                            "additionalProperties": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                    "required": ["message", "errors"],
                }
            },
        },
        "security": [{"bearer": []}],
        "paths": paths,
    }


@routes.route("/openapi.json", summary="This document", public=True)
def openapi_document():
    return jsonify(build_document())
