"""Full-screen research views pushed over the main screen: KWIC, the matrix, prompts."""
