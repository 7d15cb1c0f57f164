"""What a student records and the rules it must meet: activities, terms, reflections,
the profile, and the framework of models and criteria (with the student's own).
"""
