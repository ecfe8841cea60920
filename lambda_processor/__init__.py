"""Proofsheet's image processor: originals in, thumbnails, proofs and a record out.

Runs as an AWS Lambda (``handler.handle``) and, in local mode, inside the web
process (``processor.process_original``). It never imports Django.
"""
