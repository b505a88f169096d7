"""Baseline for bench/projector_screens.py: a bare Flask route with the same ETag/304 shape."""

from flask import Flask, Response, jsonify, request

app = Flask(__name__)


@app.get("/ping")
def ping():
    etag = '"v1"'
    if request.headers.get("If-None-Match") == etag:
        response = Response(status=304)
    else:
        response = jsonify({"version": 1, "status": "idle"})
    response.headers["ETag"] = etag
    return response
